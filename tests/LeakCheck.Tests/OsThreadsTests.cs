using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using LeakCheck.Runtime;
using Xunit;

namespace LeakCheck.Tests;

/// <summary>The operating system's id of the calling thread, read once per thread, is the one procfs names.</summary>
public sealed class OsThreadsTests
{
    [Fact]
    public async Task The_current_thread_id_is_the_one_procfs_names_on_every_kind_of_thread()
    {
        var seen = new ConcurrentBag<(int? Id, int? Again, string? Link)>();
        void Look() => seen.Add((OsThreads.CurrentThreadId(), OsThreads.CurrentThreadId(), new FileInfo("/proc/thread-self").LinkTarget));

        Look();
        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(Look)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(Look)));
        await Task.Factory.StartNew(Look, TaskCreationOptions.LongRunning);

        seen.Should().HaveCount(14);
        foreach (var (id, again, link) in seen)
        {
            id.Should().NotBeNull();
            again.Should().Be(id);
            link.Should().EndWith("/task/" + id);
        }

        seen.Select(s => s.Id).Distinct().Count().Should().BeGreaterThan(5, "the dedicated threads are distinct threads");
    }
}
