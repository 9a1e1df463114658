using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Reflection;
using System.Threading.Tasks;

namespace LeakCheck.Runtime;

/// <summary>
/// Names the socket operation an await is stuck on. <c>Socket.AcceptAsync</c>, <c>ReceiveAsync</c>, <c>SendAsync</c>
/// and <c>ConnectAsync</c> (and everything built on them: <c>TcpListener</c>, <c>NetworkStream</c>, a
/// <c>StreamReader</c> over one) return value tasks backed by a <c>Socket.AwaitableSocketAsyncEventArgs</c>, whose
/// public <c>SocketAsyncEventArgs.LastOperation</c> says which operation is in flight; the task-returning overloads
/// wrap that value task in a <c>ValueTask&lt;T&gt;.ValueTaskSourceAsTask</c> whose source is a field. Only the
/// operation is read: no buffer, no endpoint, no data. Reports resolve this only for an object whose type is already
/// one of System.Net.Sockets' (so it never loads the assembly into a process that has no socket); the golden test
/// may load it.
/// </summary>
internal sealed class SocketOperations
{
    private const string SocketsNamespace = "System.Net.Sockets";

    private static readonly Lazy<SocketOperations> s_instance = new(static () => new SocketOperations());

    private readonly Type? _eventArgs;
    private readonly PropertyInfo? _lastOperation;
    private static readonly ConcurrentDictionary<Type, FieldInfo?> s_taskSources = new();

    private SocketOperations()
    {
        var lookup = new MemberLookup();
        var sockets = LoadedSocketsAssembly() ?? TryLoad();
        if (sockets is null)
        {
            lookup.Missing("System.Net.Sockets (assembly not found)");
        }
        else
        {
            lookup.Type(sockets, "System.Net.Sockets.Socket+AwaitableSocketAsyncEventArgs");
            _eventArgs = lookup.Type(sockets, "System.Net.Sockets.SocketAsyncEventArgs");
            var operation = sockets.GetType("System.Net.Sockets.SocketAsyncOperation", throwOnError: false);
            if (_eventArgs is not null && operation is not null)
            {
                _lastOperation = lookup.Property(_eventArgs, "LastOperation", operation);
            }
        }

        var sourceAsTask = typeof(ValueTask<int>).GetNestedType("ValueTaskSourceAsTask", BindingFlags.NonPublic);
        if (sourceAsTask is null)
        {
            lookup.Missing("ValueTask`1+ValueTaskSourceAsTask (type not found)");
        }
        else
        {
            lookup.Field(sourceAsTask, "_source", typeof(object));
        }

        Members = lookup.Resolved;
        UnavailableReason = lookup.UnavailableReason;
    }

    /// <summary>Gets the one instance, resolved on first use (a report about a socket await, or the golden test).</summary>
    public static SocketOperations Instance => s_instance.Value;

    /// <summary>Gets why socket operations cannot be named; the await then reads as its runtime type.</summary>
    public string? UnavailableReason { get; }

    /// <summary>Gets one line per runtime member resolved, for the goldens.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>Gets a value indicating whether <paramref name="type"/> is one of the sockets library's (cheap: no lookup).</summary>
    public static bool IsSocketsType(Type type) => type.Namespace == SocketsNamespace;

    /// <summary>
    /// Names the socket operation <paramref name="awaited"/> (a value task's source) is, for example
    /// <c>a socket receive that has not completed (Socket.ReceiveAsync)</c>; null when it is not one.
    /// </summary>
    public string? Describe(object awaited)
    {
        if (_lastOperation is null || _eventArgs is null)
        {
            // Fail soft and visibly: the await reads as its runtime type, and the report's notes say why.
            RuntimeNotices.Add("the socket operation an await waits on: " + UnavailableReason);
            return null;
        }

        if (!_eventArgs.IsInstanceOfType(awaited))
        {
            return null;
        }

        var operation = _lastOperation.GetValue(awaited)?.ToString();
        return operation switch
        {
            "Accept" => "a socket accept: no connection has come in (Socket.AcceptAsync)",
            "Connect" => "a socket connect that has not completed (Socket.ConnectAsync)",
            "Receive" or "ReceiveFrom" or "ReceiveMessageFrom" => "a socket receive: nothing has arrived (Socket.ReceiveAsync)",
            "Send" or "SendTo" or "SendPackets" => "a socket send that has not completed (Socket.SendAsync)",
            "Disconnect" => "a socket disconnect that has not completed (Socket.DisconnectAsync)",
            _ => "a socket operation that has not completed (" + (operation ?? "unknown") + ")",
        };
    }

    /// <summary>
    /// The value-task source a <c>ValueTask.AsTask()</c> task stands for (what it really waits on), or null when
    /// <paramref name="task"/> is not one.
    /// </summary>
    public static object? SourceOf(Task task)
    {
        var type = task.GetType();
        if (type.Name != "ValueTaskSourceAsTask" || type.DeclaringType is not { } declaring
            || (declaring != typeof(ValueTask) && !(declaring.IsGenericType && declaring.GetGenericTypeDefinition() == typeof(ValueTask<>))))
        {
            return null;
        }

        var field = s_taskSources.GetOrAdd(type, static t => t.GetField("_source", BindingFlags.Instance | BindingFlags.NonPublic));
        return field?.GetValue(task);
    }

    private static Assembly? LoadedSocketsAssembly()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetName().Name == SocketsNamespace)
            {
                return assembly;
            }
        }

        return null;
    }

    /// <summary>Only the golden test resolves the mechanism before any socket exists; it may load the assembly.</summary>
    private static Assembly? TryLoad()
    {
        try
        {
            return Assembly.Load(SocketsNamespace);
        }
        catch (Exception ex) when (ex is System.IO.IOException or BadImageFormatException)
        {
            return null;
        }
    }
}
