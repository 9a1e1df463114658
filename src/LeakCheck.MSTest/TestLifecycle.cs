using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.Reflection;
using System.Threading.Tasks;
using LeakCheck.Adapters;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace LeakCheck.MSTest;

/// <summary>
/// Translates MSTest's lifecycle into begin scope / end scope. Called by the global test hooks that the LeakCheck.MSTest
/// package compiles into the test assembly; not meant to be called by tests.
/// </summary>
/// <remarks>
/// MSTest 4 runs <c>[GlobalTestInitialize]</c> before the test class's constructor and <c>[GlobalTestCleanup]</c> after
/// <c>TestCleanup</c> and <c>Dispose</c>/<c>DisposeAsync</c>, each with the test's own <see cref="TestContext"/>. The check
/// begins in the first, synchronously, so that the engine's ambient scope flows into the constructor, <c>TestInitialize</c>,
/// the test and the work they start; it ends in the second, whose exception MSTest adds to the test's own failure.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class TestLifecycle
{
    private static readonly ConcurrentDictionary<TestContext, RunningCheck> s_running = new(ReferenceEqualityComparer.Instance);

    /// <summary>Begins the check of the test about to run, when a [NoLeaks] applies to it.</summary>
    /// <param name="testContext">The test's context, as MSTest passes it to a global test hook.</param>
    /// <param name="testAssembly">The test assembly (the one that holds the hooks).</param>
    public static void Begin(TestContext testContext, Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testContext);
        ArgumentNullException.ThrowIfNull(testAssembly);
        if (testContext.FullyQualifiedTestClassName is not { } testClass || testContext.TestName is not { } testName)
        {
            return;
        }

        var plan = TestPlans.For(testAssembly, testClass, testName, testContext.TestData?.Length ?? 0);
        if (plan is null)
        {
            return;
        }

        var check = TestCheck.Begin(plan, OwnerName(testClass, testName, testContext.TestDisplayName), out var configurationError);
        if (check is not null || configurationError is not null)
        {
            s_running[testContext] = new RunningCheck(check, configurationError);
        }
    }

    /// <summary>Ends the check of the test that ran; the task faults with the report when the test leaked (fail mode).</summary>
    /// <param name="testContext">The test's context, as MSTest passes it to a global test hook.</param>
    /// <returns>A task that completes when the check is done.</returns>
    /// <remarks>Warn-mode reports and notices go to the test's output (<see cref="TestContext.WriteLine(string)"/>).</remarks>
    public static Task EndAsync(TestContext testContext)
    {
        ArgumentNullException.ThrowIfNull(testContext);
        if (!s_running.TryRemove(testContext, out var running))
        {
            return Task.CompletedTask;
        }

        if (running.ConfigurationError is not null)
        {
            running.Check?.Abandon();
            return Task.FromException(running.ConfigurationError);
        }

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = EndCheckAsync(running.Check!, testContext, finished);
        return finished.Task;
    }

    /// <remarks>
    /// MSTest runs the rest of the run (the next test included) as the continuation of the cleanup hook's task, and
    /// synchronously when that task is already complete. The check therefore always completes it later, from the thread
    /// pool: otherwise the next test would run on top of this method's frame, or inside the inline continuation of a task
    /// the test started (its frames then show in the next test's creation stacks).
    /// </remarks>
    private static async Task EndCheckAsync(TestCheck check, TestContext testContext, TaskCompletionSource finished)
    {
        try
        {
            await Task.Yield();
            var outcome = await check.EndAsync().ConfigureAwait(false);
            if (outcome.Output.Length > 0)
            {
                testContext.WriteLine(outcome.Output);
            }

            if (outcome.Failure is not null)
            {
                finished.SetException(outcome.Failure);
                return;
            }

            finished.SetResult();
        }
#pragma warning disable CA1031 // Whatever ends the check goes to the test, never to an unobserved task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            finished.SetException(ex);
        }
    }

    /// <summary>
    /// The test as reports name it: <c>Namespace.Class.Method</c>, or for a data row the class and MSTest's display name
    /// (<c>Namespace.Class.Method (1,"a")</c>); a custom display name follows the method in parentheses.
    /// </summary>
    private static string OwnerName(string testClass, string testName, string? displayName)
        => displayName is null || displayName == testName ? $"{testClass}.{testName}"
            : displayName.StartsWith(testName + " ", StringComparison.Ordinal) || displayName.StartsWith(testName + "(", StringComparison.Ordinal) ? $"{testClass}.{displayName}"
            : $"{testClass}.{testName} ({displayName})";

    private sealed record RunningCheck(TestCheck? Check, Exception? ConfigurationError);
}
