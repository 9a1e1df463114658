using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>
/// An async method stuck on a socket names the operation (accept, receive), also when the await goes through library
/// methods (TcpListener, StreamReader over a NetworkStream) or a task-returning socket overload, never the runtime's
/// wrapper types. Nothing of the socket but the operation is read: no endpoint, no buffer.
/// </summary>
public sealed class SocketAwaitTests : IAsyncLifetime
{
    private static readonly LeakCheckOptions s_short = new() { SettleTimeout = TimeSpan.FromMilliseconds(100), RetentionPaths = false };

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TcpClient _client = new();
    private Socket? _server;

    public async Task InitializeAsync()
    {
        _listener.Start();
        await _client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)_listener.LocalEndpoint).Port);
        _server = await _listener.AcceptSocketAsync();
    }

    public Task DisposeAsync()
    {
        _listener.Stop();
        _client.Dispose();
        _server?.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Awaits_on_sockets_name_the_operation()
    {
        var scope = LeakScope.Begin("sockets", s_short);
        _ = AcceptLoopAsync(_listener);
        _ = ReceiveIntoArrayAsync(_server!);
        _ = ReceiveIntoMemoryAsync(_server!);
        _ = ReadLinesAsync(_client.GetStream());

        var report = await scope.EndAsync();

        // .NET 11 compiles its own libraries' async methods as runtime async: no state machine, so a chain through
        // TcpListener or StreamReader cannot be followed there (direct socket awaits still can).
        var runtimeAsyncLibraries = Environment.Version.Major >= 11;
        const string runtimeAsync = "waiting at await #1: a runtime-async method (no state machine to read)";
        report.Items.Select(i => (i.TypeName, string.Join(" | ", i.Details))).Should().Equal(
            ("LeakCheck.Tests.SocketAwaitTests.AcceptLoopAsync(TcpListener)",
                runtimeAsyncLibraries ? runtimeAsync : "waiting at await #1: async System.Net.Sockets.TcpListener.AcceptTcpClientAsync.WaitAndWrap(ValueTask<Socket>), which waits on a socket accept: no connection has come in (Socket.AcceptAsync)"),
            ("LeakCheck.Tests.SocketAwaitTests.ReceiveIntoArrayAsync(Socket)",
                "waiting at await #1: a socket receive: nothing has arrived (Socket.ReceiveAsync)"),
            ("LeakCheck.Tests.SocketAwaitTests.ReceiveIntoMemoryAsync(Socket)",
                "waiting at await #1: a socket receive: nothing has arrived (Socket.ReceiveAsync)"),
            ("LeakCheck.Tests.SocketAwaitTests.ReadLinesAsync(Stream)",
                runtimeAsyncLibraries ? runtimeAsync : "waiting at await #1: async System.IO.StreamReader.ReadLineAsyncInternal(CancellationToken), which waits on a socket receive: nothing has arrived (Socket.ReceiveAsync)"));
    }

    private static async Task AcceptLoopAsync(TcpListener listener)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync();
        }
    }

    /// <summary>The task-returning overload: a value task's AsTask() wrapper.</summary>
    private static async Task ReceiveIntoArrayAsync(Socket socket)
    {
        var buffer = new ArraySegment<byte>(new byte[16]);
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
        }
    }

    /// <summary>The value-task overload: the awaiter holds the socket's own value-task source.</summary>
    private static async Task ReceiveIntoMemoryAsync(Socket socket)
    {
        var buffer = new byte[16];
        while (await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None) > 0)
        {
        }
    }

    private static async Task ReadLinesAsync(Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync() is not null)
        {
        }
    }
}
