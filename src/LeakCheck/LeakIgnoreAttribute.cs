using System;

namespace LeakCheck;

/// <summary>
/// Declares, on an assembly, known leaks that LeakCheck accepts in every test of the process: a library uses it
/// for its own background work (a cache's refresh timer, a connection's read loop) so that its users do not
/// have to ignore it themselves.
/// </summary>
/// <remarks>
/// LeakCheck finds the attribute by its full name, <c>LeakCheck.LeakIgnoreAttribute</c>, on every loaded
/// assembly, so a library that does not want to reference LeakCheck can declare an internal attribute with the
/// same name, namespace and constructor. Rules from this attribute are not listed as unused at the end of a
/// run; an invalid rule is reported in the test output and skipped.
/// </remarks>
/// <example><c>[assembly: LeakCheck.LeakIgnore("createdBy:Vendor.Sdk.Telemetry.*", Reason = "flush timer for the process")]</c></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class LeakIgnoreAttribute : Attribute
{
    /// <summary>Initializes a new instance with a rule in its text form (see <see cref="LeakIgnoreRule"/>).</summary>
    /// <param name="rule">For example <c>createdBy:Vendor.Sdk.*</c> or <c>type:Vendor.Sdk.Poller</c>.</param>
    public LeakIgnoreAttribute(string rule) => Rule = rule;

    /// <summary>Gets the rule in its text form.</summary>
    public string Rule { get; }

    /// <summary>Gets or sets why the leak is acceptable, for readers of the code.</summary>
    public string? Reason { get; set; }
}
