// Shared by LeakCheck.XunitV3 and LeakCheck.MSTest (linked into each): both frameworks run on Microsoft.Testing.Platform.
using System;
using System.IO;
using System.Threading.Tasks;
using LeakCheck.Adapters;
using Microsoft.Testing.Platform.Configurations;
using Microsoft.Testing.Platform.Extensions.Messages;
using Microsoft.Testing.Platform.Extensions.TestHost;
using Microsoft.Testing.Platform.Messages;
using Microsoft.Testing.Platform.Services;

#if LEAKCHECK_MSTEST
namespace LeakCheck.MSTest.TestingPlatform;
#else
namespace LeakCheck.XunitV3.TestingPlatform;
#endif

/// <summary>
/// The test session's side of LeakCheck under Microsoft.Testing.Platform: when the session starts it gives the
/// engine the platform's results directory (the JSON report's default there), and when it finishes it publishes
/// each JSON report the session's runs wrote as a <see cref="SessionFileArtifact"/>.
/// </summary>
/// <remarks>
/// The adapter may complete the run itself before the session finishes (xUnit v3's assembly fixture, when xUnit
/// disposes it); a run still open then (MSTest's, or a fixture that was never disposed) is completed here. Nothing here throws
/// into the session: a report that could not be written is named in the run summary, as in every other mode.
/// </remarks>
internal sealed class JsonReportArtifact : ITestSessionLifetimeHandler, IDataProducer
{
    private readonly IServiceProvider _services;
    private int _reportsBefore;

    public JsonReportArtifact(IServiceProvider services) => _services = services;

    public string Uid => typeof(JsonReportArtifact).Namespace + ".JsonReport";

    public string Version => typeof(JsonReportArtifact).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string DisplayName => "LeakCheck JSON report";

    public string Description => "Publishes LeakCheck's JSON report of the test session as a session artifact.";

    public Type[] DataTypesProduced { get; } = [typeof(SessionFileArtifact)];

    public Task<bool> IsEnabledAsync() => Task.FromResult(true);

    public Task OnTestSessionStartingAsync(ITestSessionContext testSessionContext)
    {
        LeakCheckHost.ResultsDirectory = _services.GetConfiguration().GetTestResultDirectory();
        _reportsBefore = LeakCheckHost.JsonReports().Count;
        return Task.CompletedTask;
    }

    public async Task OnTestSessionFinishingAsync(ITestSessionContext testSessionContext)
    {
        ArgumentNullException.ThrowIfNull(testSessionContext);
        LeakCheckHost.CompleteRun();
        var reports = LeakCheckHost.JsonReports();
        var bus = _services.GetMessageBus();
        for (var i = _reportsBefore; i < reports.Count; i++)
        {
            if (File.Exists(reports[i]))
            {
                await bus.PublishAsync(this, new SessionFileArtifact(testSessionContext.SessionUid, new FileInfo(reports[i]), "LeakCheck report",
                    "LeakCheck's JSON report: every leaking test of the run, unused ignore rules and the baseline's state.")).ConfigureAwait(false);
            }
        }
    }
}
