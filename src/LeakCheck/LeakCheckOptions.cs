using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LeakCheck;

/// <summary>
/// Settings of a <see cref="LeakScope"/>. Every property has a documented default; invalid values are
/// reported together by <see cref="Validate(string)"/> when the scope begins.
/// </summary>
public sealed class LeakCheckOptions
{
    /// <summary>The longest a settle time-out may be.</summary>
    public static readonly TimeSpan MaxSettleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets how long the scope waits, at most, for work the test started to finish before it
    /// reports that work as leaked.
    /// </summary>
    /// <value>One second. Must be greater than zero and at most five minutes.</value>
    /// <remarks>
    /// A clean test never waits: settling stops as soon as nothing the scope owns is pending. Only a
    /// test that really leaks running work spends the whole time-out.
    /// </remarks>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how many leaked items a report shows before it summarises the rest.</summary>
    /// <value>10. Must be greater than zero.</value>
    public int MaxReportedItems { get; set; } = 10;

    /// <summary>Gets or sets how many user frames of a creation stack a report shows per item.</summary>
    /// <value>8. Must be greater than zero.</value>
    public int MaxFramesPerItem { get; set; } = 8;

    /// <summary>Gets or sets what the scope does with leaks.</summary>
    /// <value><see cref="LeakCheckMode.Fail"/>. The <c>LEAKCHECK_MODE</c> environment variable, when set, wins.</value>
    public LeakCheckMode Mode { get; set; } = LeakCheckMode.Fail;

    /// <summary>
    /// Gets or sets fingerprints of known leaks to accept. A leaked item whose fingerprint is listed does not
    /// fail the test; the report counts it as ignored.
    /// </summary>
    /// <value>Empty. Each entry is the eight hexadecimal digits a report prints after <c>fingerprint:</c>.</value>
    public IReadOnlyCollection<string> IgnoreFingerprints { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Gets or sets rules that accept known leaks by kind, type, creating method or fingerprint (see
    /// <see cref="LeakIgnoreRule"/>). A matched item does not fail the test; the report counts it as ignored.
    /// </summary>
    /// <value>Empty. Rules registered with <see cref="LeakIgnores.Register"/>, <c>LEAKCHECK_IGNORE</c>, libraries'
    /// <see cref="LeakIgnoreAttribute"/> and LeakCheck's built-in rules apply as well.</value>
    public IReadOnlyCollection<LeakIgnoreRule> Ignore { get; set; } = Array.Empty<LeakIgnoreRule>();

    /// <summary>
    /// Gets or sets a value indicating whether a failing scope explains why each leaked object is alive (a path
    /// of references from a GC root), when the LeakCheck.HeapAnalysis package is referenced.
    /// </summary>
    /// <value><c>true</c>: referencing the package is the opt-in. <c>LEAKCHECK_RETENTION=on|off</c>, when set, wins.</value>
    /// <remarks>Each analysis writes a heap dump of the test process to a private temporary folder and deletes it.</remarks>
    public bool RetentionPaths { get; set; } = true;

    /// <summary>
    /// Gets or sets how many failing scopes per process get a retention analysis at most; later ones say they were
    /// skipped. Scopes whose leaked items are all garbage already (abandoned methods) spend none.
    /// </summary>
    /// <value>20. Must be zero or more.</value>
    public int MaxRetentionAnalyses { get; set; } = 20;

    /// <summary>
    /// Gets or sets how much time a process spends on retention analyses in all; once it is spent, later failing scopes
    /// say they were not analysed, and the last analysis gets only what is left of it.
    /// </summary>
    /// <value>Two minutes. Must be zero or more.</value>
    public TimeSpan RetentionRunBudget { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the hard time limit of one retention analysis (dump, load, path search).</summary>
    /// <value>30 seconds. Must be greater than zero and at most five minutes.</value>
    public TimeSpan RetentionTimeLimit { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets or sets the last line of a report: how to accept a leak where these options come from; <c>{fingerprint}</c>
    /// stands for the first leak's fingerprint. Adapters set their attribute's form (see <see cref="Adapters.CheckPlan"/>).
    /// </summary>
    internal string IgnoreHint { get; set; } = DefaultIgnoreHint;

    /// <summary>The hint of a scope begun through the engine (<see cref="LeakScope.Begin"/>), not an adapter's attribute.</summary>
    internal const string DefaultIgnoreHint =
        "To accept a known leak, list its fingerprint in LeakCheckOptions.IgnoreFingerprints, for example IgnoreFingerprints = new[] { \"{fingerprint}\" }; see README \"Ignoring known leaks\".";

    /// <summary>Returns a copy of these options.</summary>
    /// <returns>A new instance with the same values.</returns>
    public LeakCheckOptions Clone() => new()
    {
        SettleTimeout = SettleTimeout,
        MaxReportedItems = MaxReportedItems,
        MaxFramesPerItem = MaxFramesPerItem,
        Mode = Mode,
        IgnoreFingerprints = IgnoreFingerprints,
        Ignore = Ignore,
        RetentionPaths = RetentionPaths,
        MaxRetentionAnalyses = MaxRetentionAnalyses,
        RetentionRunBudget = RetentionRunBudget,
        RetentionTimeLimit = RetentionTimeLimit,
        IgnoreHint = IgnoreHint,
    };

    /// <summary>
    /// Checks every setting and throws one exception that lists every problem.
    /// </summary>
    /// <param name="source">Where the options were set (for example <c>[NoLeaks] on MyTests</c>); named in the message.</param>
    /// <exception cref="LeakCheckConfigurationException">At least one setting is invalid.</exception>
    public void Validate(string source)
    {
        var errors = new List<string>();
        if (SettleTimeout <= TimeSpan.Zero || SettleTimeout > MaxSettleTimeout)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture,
                "SettleTimeout must be greater than zero and at most {0} (was {1}).", MaxSettleTimeout, SettleTimeout));
        }

        if (MaxReportedItems <= 0)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, "MaxReportedItems must be greater than zero (was {0}).", MaxReportedItems));
        }

        if (MaxFramesPerItem <= 0)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, "MaxFramesPerItem must be greater than zero (was {0}).", MaxFramesPerItem));
        }

        if (MaxRetentionAnalyses < 0)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, "MaxRetentionAnalyses must be zero or more (was {0}).", MaxRetentionAnalyses));
        }

        if (RetentionRunBudget < TimeSpan.Zero)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, "RetentionRunBudget must be zero or more (was {0}).", RetentionRunBudget));
        }

        if (RetentionTimeLimit <= TimeSpan.Zero || RetentionTimeLimit > MaxSettleTimeout)
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture,
                "RetentionTimeLimit must be greater than zero and at most {0} (was {1}).", MaxSettleTimeout, RetentionTimeLimit));
        }

        if (!Enum.IsDefined(Mode))
        {
            errors.Add(string.Format(CultureInfo.InvariantCulture, "Mode must be Fail, Warn or Off (was {0}).", (int)Mode));
        }

        if (IgnoreFingerprints is null)
        {
            errors.Add("IgnoreFingerprints must not be null.");
        }
        else
        {
            foreach (var fingerprint in IgnoreFingerprints)
            {
                if (!Probes.Fingerprint.IsWellFormed(fingerprint))
                {
                    errors.Add("IgnoreFingerprints entry " + Probes.Fingerprint.NotAFingerprint(fingerprint));
                }
            }
        }

        if (Ignore is null)
        {
            errors.Add("Ignore must not be null.");
        }
        else if (Ignore.Any(rule => rule is null))
        {
            errors.Add("Ignore must not contain null rules.");
        }

        if (errors.Count > 0)
        {
            throw new LeakCheckConfigurationException(source, errors);
        }
    }
}
