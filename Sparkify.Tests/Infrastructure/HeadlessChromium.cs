using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Sparkify.Tests.Infrastructure;

/// <summary>
/// A real Chromium, headless, driven over its DevTools protocol: opens a page, reads what it rendered (text, images)
/// and takes a screenshot. Tests that need it skip, saying why, where no Chromium is installed.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private int _nextId;

    private HeadlessChromium(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Starts Chromium with a blank page of the given size, or skips the calling test if there is none.</summary>
    public static async Task<HeadlessChromium> StartAsync(int width, int height)
    {
        var binary = Candidates.FirstOrDefault(File.Exists);
        if (binary is null)
            Assert.Skip("No Chromium is installed here (Debian: apt-get install chromium; .ci/run installs it).");
        var profile = Directory.CreateTempSubdirectory("sparkify-chromium-").FullName;
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Chromium also leaves org.chromium.Chromium.* folders in TMPDIR: inside the profile they go when it does.
        start.Environment["TMPDIR"] = profile;
        // --no-sandbox: tests run as root in CI, where Chromium's sandbox refuses to start.
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--remote-debugging-port=0", $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank" })
            start.ArgumentList.Add(argument);
        var chromium = new HeadlessChromium(Process.Start(start)!, profile);
        try
        {
            await chromium.ConnectAsync();
            // The window's size includes its frame; the page's viewport is set exactly, as a screen of that size shows it.
            await chromium.CallAsync("Emulation.setDeviceMetricsOverride",
                new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            return chromium;
        }
        catch
        {
            await chromium.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> and waits for its load event (every image decoded).</summary>
    public async Task OpenAsync(string url)
    {
        await CallAsync("Page.enable");
        var loaded = WaitForEventAsync("Page.loadEventFired");
        await CallAsync("Page.navigate", new JsonObject { ["url"] = url });
        await loaded;
    }

    /// <summary>Evaluates a JavaScript expression in the page and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await CallAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true });
        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>The viewport as a PNG.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await CallAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" });
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    private async Task ConnectAsync()
    {
        // Chromium says where it listens on stderr: "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string? line;
        Match listening;
        do
        {
            line = await _process.StandardError.ReadLineAsync(limit.Token)
                   ?? throw new InvalidOperationException("Chromium exited before it opened its DevTools port.");
            listening = Regex.Match(line, @"ws://127\.0\.0\.1:(\d+)/");
        } while (!listening.Success);
        _ = _process.StandardError.ReadToEndAsync(); // keep draining, or Chromium blocks on a full pipe
        _ = _process.StandardOutput.ReadToEndAsync();

        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{listening.Groups[1].Value}/json/list", limit.Token))!.AsArray();
        var page = targets.First(t => t!["type"]!.GetValue<string>() == "page")!;
        await _socket.ConnectAsync(new Uri(page["webSocketDebuggerUrl"]!.GetValue<string>()), limit.Token);
    }

    private readonly List<JsonObject> _unread = [];

    private async Task<JsonObject> CallAsync(string method, JsonObject? parameters = null)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        var reply = await ReceiveAsync(m => m["id"]?.GetValue<int>() == id);
        if (reply["error"] is { } error)
            throw new InvalidOperationException($"Chromium refused {method}: {error.ToJsonString()}");
        return reply["result"]!.AsObject();
    }

    private async Task WaitForEventAsync(string name) => await ReceiveAsync(m => m["method"]?.GetValue<string>() == name);

    private async Task<JsonObject> ReceiveAsync(Func<JsonObject, bool> wanted)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var seen = _unread.FirstOrDefault(wanted);
            if (seen is not null)
            {
                _unread.Remove(seen);
                return seen;
            }
            using var buffer = new MemoryStream();
            WebSocketReceiveResult received;
            var chunk = new byte[64 * 1024];
            do
            {
                received = await _socket.ReceiveAsync(chunk, limit.Token);
                buffer.Write(chunk, 0, received.Count);
            } while (!received.EndOfMessage);
            _unread.Add(JsonNode.Parse(buffer.ToArray())!.AsObject());
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        _socket.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        // The browser's helpers may still be closing files in the profile for a moment after it exits.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                await Task.Delay(200);
            }
        }
    }
}
