using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace TensorOne.PowerShell.Tests;

/// <summary>
/// The key never reaches anything a user or a log can see, whatever the server sends back: every
/// fault mode, every command, under -Verbose -Debug, with every stream, the transcript, $Error (as
/// text and exported with Export-Clixml) scanned for the key in every spelling a server might echo.
/// </summary>
/// <remarks>
/// Each fault mode is one engine run of two pipelines that between them make every kind of request:
/// a listing, a read by id, a stop, a restart, and the -Wait polls of both. The fault is armed once per
/// kind of request, so each meets it once: the time is the module's real retry delays and polls, and a
/// second fault on the same path would cost a retry delay to show the same message again.
/// </remarks>
public sealed class KeyScanTests(ITestOutputHelper output)
{
    // '/' and '+' so the JSON escapes (\/, \u002B) and URL encoding (%2F, %2B) spell it differently.
    private const string Key = "tpo_test_ab/cd+ef_Secret9876";

    [Fact]
    public async Task The_key_echoed_in_the_content_type_is_masked_in_the_invalid_response_message_and_the_debug_lines()
    {
        await using var h = await Harness.StartWithClustersAsync(("c1", "one"));
        h.Server.Options.Faults.Add(FaultKind.KeyInContentType, 1, "GET", "/clusters/c1$");
        var clock = Stopwatch.StartNew();

        var result = h.Run("Get-T1Cluster -Id c1 -Verbose -Debug");

        output.WriteLine("FIGURES | key in Content-Type | requests {0} | {1:0.00} s", h.State.Requests.Count, clock.Elapsed.TotalSeconds);
        var error = Assert.Single(result.Errors);
        Assert.Contains("INVALID_RESPONSE", error.FullyQualifiedErrorId);
        Assert.Contains("application/x-echo-***", error.Exception.Message);
        Assert.DoesNotContain(h.Server.Options.ApiKey, result.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_fault_mode_puts_the_key_on_any_stream_in_the_transcript_or_in_Error_in_any_spelling()
    {
        var clock = Stopwatch.StartNew();

        // One session per fault mode, a few at a time: the time is the -Wait polls, not the machine.
        using var gate = new SemaphoreSlim(6);
        var scans = await Task.WhenAll(Enum.GetValues<FaultKind>().Select(async kind =>
        {
            await gate.WaitAsync();
            try
            {
                return await Task.Run(() => ScanAsync(kind));
            }
            finally
            {
                gate.Release();
            }
        }));

        output.WriteLine("FIGURES | every fault, scanned | {0} fault modes | requests {1} | faults injected {2} | {3:0.00} s | {4} characters scanned",
            scans.Length, scans.Sum(s => s.Requests), scans.Sum(s => s.Injected), clock.Elapsed.TotalSeconds, scans.Sum(s => s.Text.Length));
        foreach (var (kind, text, _, injected) in scans)
        {
            Assert.True(text.Length > 1_000, $"the scan of {kind} saw the commands' output");
            Assert.True(injected > 0, $"the scan of {kind} met the fault");
            foreach (var spelling in Spellings(Key))
            {
                var at = text.IndexOf(spelling, StringComparison.Ordinal);
                Assert.True(at < 0, $"Under {kind} the key spelled '{spelling}' appears: ...{(at < 0 ? "" : text.Substring(Math.Max(0, at - 300), Math.Min(400, text.Length - Math.Max(0, at - 300))))}...");
            }
        }
    }

    // Every kind of request the commands make: the listing (the user's and the -Wait polls'), a read by id, a stop, a restart.
    private static readonly (string Method, string Path)[] RequestKinds =
    [
        ("GET", "/clusters$"),
        ("GET", "/clusters/[^/]+$"),
        ("POST", "/stop$"),
        ("POST", "/restart$"),
    ];

    private static async Task<(FaultKind Kind, string Text, int Requests, int Injected)> ScanAsync(FaultKind kind)
    {
        await using var h = await Harness.StartAsync(o =>
        {
            o.ApiKey = Key;
            o.Faults.SlowDelay = TimeSpan.FromMilliseconds(300);
            o.Faults.HugeBodyBytes = (8 * 1024 * 1024) + 4096;
            o.Faults.RetryAfter = TimeSpan.FromSeconds(1);
        });
        foreach (var id in new[] { "c1", "c2", "c3", "c4", "c5" })
        {
            h.State.AddCluster(id, "name " + id);
        }

        var transcript = Path.Combine(Path.GetTempPath(), "t1-scan-" + Guid.NewGuid().ToString("N") + ".txt");
        var clixml = Path.ChangeExtension(transcript, ".clixml");
        var everything = new StringBuilder();
        try
        {
            var started = h.Run("Start-Transcript -Path $path -IncludeInvocationHeader | Out-Null; $Error.Clear()", new() { ["path"] = transcript });
            Assert.Null(started.Terminating);
            foreach (var command in new[]
            {
                "Get-T1Cluster -Verbose -Debug | Where-Object Id -in 'c1','c2' | Stop-T1Cluster -Wait -TimeoutMinutes 1 -Verbose -Debug",
                "Get-T1Cluster -Id c3,c4 -Verbose -Debug | Restart-T1Cluster -Wait -TimeoutMinutes 1 -Verbose -Debug",
            })
            {
                var faults = h.Server.Options.Faults;
                faults.Clear();
                foreach (var (method, path) in RequestKinds)
                {
                    faults.Add(kind, 1, method, path, limit: 1);
                }

                everything.AppendLine(h.Run(command).AllText);
            }

            h.Server.Options.Faults.Clear();
            var errors = h.Run(
                "Stop-Transcript | Out-Null; $Error | Export-Clixml -Path $clixml -Depth 6; "
                + "$Error | ForEach-Object { $_ | Format-List * -Force | Out-String; $e = $_.Exception; while ($e) { $e | Format-List * -Force | Out-String; $e = $e.InnerException } }",
                new() { ["clixml"] = clixml });
            everything.AppendLine(errors.AllText);
            everything.AppendLine(File.ReadAllText(transcript));
            everything.AppendLine(File.ReadAllText(clixml));
            return (kind, everything.ToString(), h.State.Requests.Count, h.Server.Options.Faults.Injected(kind));
        }
        finally
        {
            File.Delete(transcript);
            File.Delete(clixml);
        }
    }

    private static IEnumerable<string> Spellings(string key)
    {
        var slash = key.Replace("/", "\\/", StringComparison.Ordinal);
        yield return key;
        yield return slash;
        yield return key.Replace("+", "\\u002B", StringComparison.Ordinal);
        yield return key.Replace("+", "\\u002b", StringComparison.Ordinal);
        yield return slash.Replace("+", "\\u002B", StringComparison.Ordinal);
        yield return Uri.EscapeDataString(key);
        yield return WebUtility.UrlEncode(key);
        yield return string.Concat(key.Select(c => "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
        yield return string.Concat(key.Select(c => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(key));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + key));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + key));

        // Whatever else a server does to the front of it, the secret part alone.
        yield return "Secret9876";
    }
}
