using System;
using System.Threading.Tasks;

// Stands in for a Microsoft.* / System.* library async method that awaits a user callback (Parallel.ForEachAsync,
// IMemoryCache.GetOrCreateAsync): LeakCheck treats those namespaces as library code.
namespace Microsoft.LeakCheckTestDoubles;

public static class Pipeline
{
    public static async Task ExecuteStepAsync(Func<Task> step) => await step();
}
