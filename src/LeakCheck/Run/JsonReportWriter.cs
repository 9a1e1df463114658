using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeakCheck.Ignoring;

namespace LeakCheck.Run;

/// <summary>
/// Writes the run's machine-readable report: one JSON file per run in the results directory. The schema is
/// documented in README "JSON report" and in docs/leakcheck-report.schema.json; version 1 only ever gains
/// optional members. Like the text report it holds types, member names and code locations, never values.
/// </summary>
internal static class JsonReportWriter
{
    public const int SchemaVersion = 1;

    /// <returns>The path of the file written.</returns>
    public static string Write(RunLedger ledger, IReadOnlyList<(LeakReport Report, string Outcome)> reports,
        IReadOnlyList<DeclaredRule> unused, IReadOnlyList<string> invalidLibraryRules, IReadOnlyList<BaselineEntry> gone, DateTimeOffset finished)
    {
        var settings = ledger.Settings;
        Directory.CreateDirectory(settings.ResultsDirectory);
        var name = string.Create(CultureInfo.InvariantCulture,
            $"leakcheck-{settings.Name}-{ledger.Started:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}{(ledger.Number == 1 ? string.Empty : "-" + ledger.Number)}.json");
        var path = Path.Combine(settings.ResultsDirectory, name);
        var temporary = path + ".writing";
        try
        {
            WriteFile(temporary, ledger, reports, unused, invalidLibraryRules, gone, finished);
            File.Move(temporary, path, overwrite: true);
            return path;
        }
        catch
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }

            throw;
        }
    }

    private static void WriteFile(string temporary, RunLedger ledger, IReadOnlyList<(LeakReport Report, string Outcome)> reports,
        IReadOnlyList<DeclaredRule> unused, IReadOnlyList<string> invalidLibraryRules, IReadOnlyList<BaselineEntry> gone, DateTimeOffset finished)
    {
        var settings = ledger.Settings;
        using (var stream = File.Create(temporary))
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", SchemaVersion);
            json.WriteString("tool", "LeakCheck " + typeof(JsonReportWriter).Assembly.GetName().Version?.ToString(3));
            json.WriteStartObject("run");
            json.WriteString("name", settings.Name);
            json.WriteString("started", ledger.Started.ToString("o", CultureInfo.InvariantCulture));
            json.WriteString("finished", finished.ToString("o", CultureInfo.InvariantCulture));
            json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
            json.WriteString("os", RuntimeInformation.RuntimeIdentifier);
            json.WriteNumber("checkedScopes", ledger.Scopes);
            json.WriteNumber("leakingScopes", reports.Count);
            json.WriteEndObject();

            json.WriteStartArray("tests");
            foreach (var (report, outcome) in reports)
            {
                WriteTest(json, report, outcome);
            }

            json.WriteEndArray();

            json.WriteStartArray("unusedIgnoreRules");
            foreach (var rule in unused)
            {
                json.WriteStartObject();
                json.WriteString("rule", rule.Rule.Text);
                json.WriteString("declaredBy", rule.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "invalidLibraryRules", invalidLibraryRules);

            json.WriteStartObject("baseline");
            json.WriteString("mode", settings.Baseline.ToString().ToLowerInvariant());
            json.WriteString("file", settings.BaselinePath);
            json.WriteNumber("entries", ledger.Baseline?.Count ?? 0);
            json.WriteNumber("stillLeaking", (ledger.Baseline?.Count ?? 0) - gone.Count);
            json.WriteStartArray("gone");
            foreach (var entry in gone)
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", entry.Fingerprint);
                json.WriteString("kind", entry.Kind.ToString());
                json.WriteString("description", entry.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }

    private static void WriteTest(Utf8JsonWriter json, LeakReport report, string outcome)
    {
        json.WriteStartObject();
        json.WriteString("test", report.Owner);
        json.WriteString("outcome", outcome);
        json.WriteNumber("settleMilliseconds", (long)report.SettleTime.TotalMilliseconds);
        json.WriteStartObject("forcedCollections");
        json.WriteNumber("gen1", report.Gen1Collections);
        json.WriteNumber("full", report.FullCollections);
        json.WriteEndObject();
        json.WriteNumber("ignored", report.IgnoredCount);
        json.WriteNumber("baselined", report.BaselinedCount);
        json.WriteStartArray("leaks");
        foreach (var item in report.Items)
        {
            json.WriteStartObject();
            json.WriteString("kind", item.Kind.ToString());
            json.WriteString("type", item.TypeName);
            WriteNullable(json, "name", item.Name);
            json.WriteString("owner", item.Owner);
            json.WriteString("fingerprint", item.Fingerprint);
            WriteNullable(json, "waitingAt", item.Details.FirstOrDefault(d => d.StartsWith("waiting", StringComparison.Ordinal) || d.StartsWith("was waiting", StringComparison.Ordinal)));
            WriteStrings(json, "details", item.Details);
            json.WriteStartArray("createdAt");
            foreach (var frame in item.CreatedAt)
            {
                json.WriteStartObject();
                json.WriteString("method", frame.Method);
                WriteNullable(json, "file", frame.File);
                if (frame.Line is { } line)
                {
                    json.WriteNumber("line", line);
                }
                else
                {
                    json.WriteNull("line");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("omittedFrames", item.OmittedFrames);
            WriteStrings(json, "aliveBecause", item.AliveBecause);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteStrings(json, "notices", report.Notices);
        json.WriteString("message", report.Message);
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
