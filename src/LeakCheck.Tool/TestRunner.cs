using System;
using System.IO;
using System.Text.Json;

namespace LeakCheck.Tool;

/// <summary>Which mode <c>dotnet test</c> runs in for a path: the nearest global.json's <c>test.runner</c> decides (.NET 10 SDK).</summary>
internal static class TestRunner
{
    public static bool UsesTestingPlatform(string path)
    {
        for (var directory = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path).Directory; directory is not null; directory = directory.Parent)
        {
            var globalJson = Path.Combine(directory.FullName, "global.json");
            if (!File.Exists(globalJson))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(File.ReadAllText(globalJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                return json.RootElement.TryGetProperty("test", out var test) && test.ValueKind == JsonValueKind.Object
                    && test.TryGetProperty("runner", out var runner) && runner.ValueKind == JsonValueKind.String
                    && string.Equals(runner.GetString(), "Microsoft.Testing.Platform", StringComparison.OrdinalIgnoreCase);
            }
            catch (JsonException)
            {
                return false; // dotnet itself says what is wrong with the file
            }
        }

        return false;
    }
}
