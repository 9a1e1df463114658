using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeakCheck.Ignoring;

namespace LeakCheck.Run;

/// <summary>
/// Writes the run's machine-readable report: one JSON file per run in the results directory. Each leaking test is
/// appended as it finishes (so a run of many leaking tests does not keep their reports in memory); the run's
/// summary is written and the file renamed into place when the run completes. The schema is
/// src/LeakCheck/Run/leakcheck-report.schema.json; version 1 only ever gains optional members. Like the text
/// report it holds types, member names and code locations, never values.
/// </summary>
internal sealed class JsonReportWriter
{
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _lock = new();
    private readonly string _path;
    private readonly string _temporary;
    private FileStream? _stream;
    private int _tests;
    private string? _error;

    public JsonReportWriter(RunSettings settings, DateTimeOffset started, int runNumber)
    {
        var name = string.Create(CultureInfo.InvariantCulture,
            $"leakcheck-{settings.Name}-{started:yyyyMMdd'T'HHmmss}-{Environment.ProcessId}{(runNumber == 1 ? string.Empty : "-" + runNumber)}.json");
        _path = Path.Combine(settings.ResultsDirectory, name);
        _temporary = _path + ".writing";
    }

    /// <summary>Appends a leaking test. A failure to write is remembered and reported when the run completes; it never reaches the test.</summary>
    public void AddTest(LeakReport report, string outcome)
    {
        lock (_lock)
        {
            if (_error is not null)
            {
                return;
            }

            try
            {
                var stream = Open();
                stream.Write(_tests == 0 ? "\n"u8 : ",\n"u8);
                using (var json = new Utf8JsonWriter(stream, s_options))
                {
                    WriteTest(json, report, outcome);
                }

                stream.Flush();
                _tests++;
            }
            catch (Exception ex)
            {
                Fail(ex);
            }
        }
    }

    /// <summary>Writes the run's summary, closes the file and renames it into place.</summary>
    /// <returns>The path of the file.</returns>
    /// <exception cref="IOException">Writing failed (now or for an earlier test); the message says why.</exception>
    public string Finish(RunLedger ledger, long leakingScopes, IReadOnlyList<DeclaredRule> unused, IReadOnlyList<string> invalidLibraryRules,
        IReadOnlyList<BaselineEntry> gone, DateTimeOffset finished)
    {
        lock (_lock)
        {
            try
            {
                if (_error is not null)
                {
                    throw new IOException(_error);
                }

                var stream = Open();
                stream.Write(_tests == 0 ? "],\n"u8 : "\n  ],\n"u8);
                using (var tail = new MemoryStream())
                {
                    using (var json = new Utf8JsonWriter(tail, s_options))
                    {
                        WriteSummary(json, ledger, leakingScopes, unused, invalidLibraryRules, gone, finished);
                    }

                    // The summary is written as an object of its own; its opening brace is the root's, already written.
                    stream.Write(tail.GetBuffer().AsSpan(1, (int)tail.Length - 1));
                }

                stream.Dispose();
                _stream = null;
                File.Move(_temporary, _path, overwrite: true);
                return _path;
            }
            catch (Exception ex) when (_error is null)
            {
                Fail(ex);
                throw new IOException(_error, ex);
            }
        }
    }

    private FileStream Open()
    {
        if (_stream is null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            _stream = new FileStream(_temporary, FileMode.Create, FileAccess.Write, FileShare.Read);
            _stream.Write(System.Text.Encoding.UTF8.GetBytes(
                "{\n  \"schemaVersion\": " + SchemaVersion.ToString(CultureInfo.InvariantCulture) + ",\n  \"tests\": ["));
        }

        return _stream;
    }

    private void Fail(Exception ex)
    {
        _error = ex.GetType().Name + ": " + ex.Message;
        try
        {
            _stream?.Dispose();
            _stream = null;
            File.Delete(_temporary);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void WriteSummary(Utf8JsonWriter json, RunLedger ledger, long leakingScopes, IReadOnlyList<DeclaredRule> unused,
        IReadOnlyList<string> invalidLibraryRules, IReadOnlyList<BaselineEntry> gone, DateTimeOffset finished)
    {
        var settings = ledger.Settings;
        json.WriteStartObject();
        json.WriteString("tool", "LeakCheck " + typeof(JsonReportWriter).Assembly.GetName().Version?.ToString(3));
        json.WriteStartObject("run");
        json.WriteString("name", settings.Name);
        json.WriteString("started", ledger.Started.ToString("o", CultureInfo.InvariantCulture));
        json.WriteString("finished", finished.ToString("o", CultureInfo.InvariantCulture));
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteString("os", RuntimeInformation.RuntimeIdentifier);
        json.WriteNumber("checkedScopes", ledger.Scopes);
        json.WriteNumber("leakingScopes", leakingScopes);
        json.WriteEndObject();

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
            json.WriteNumber("omittedAt", item.OmittedAt);
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
