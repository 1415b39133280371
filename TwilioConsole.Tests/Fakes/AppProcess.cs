using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TwilioConsole.Tests.Fakes;

/// <summary>
/// TwilioConsole.Web run as its own OS process (the built DLL under <c>dotnet</c>), so a test can kill it outright and
/// start it again on the same data folder. Its output is kept for the test's failure message.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private AppProcess(Uri baseUrl) => BaseUrl = baseUrl;

    public Uri BaseUrl { get; }

    /// <summary>The OS process id (for a profiler to attach to).</summary>
    public int ProcessId => _process!.Id;

    /// <summary>The process's resident memory now (Linux: VmRSS), in bytes.</summary>
    public long ResidentBytes
    {
        get
        {
            _process!.Refresh();
            return _process.WorkingSet64;
        }
    }

    /// <summary>CPU time the process has used so far (all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process!.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static string WebDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepoPaths.Root, "TwilioConsole.Web", "bin", configuration, "net10.0", "TwilioConsole.Web.dll");
        }
    }

    /// <summary>The settings every out-of-process test starts with: Twilio mode with the test account, its API at <paramref name="twilioApi"/>.</summary>
    public static Dictionary<string, string> TwilioMode(Uri twilioApi, Uri publicBaseUrl) => new()
    {
        ["TwilioConsole__Mode"] = "Twilio",
        ["TwilioConsole__Twilio__AccountSid"] = Sids.Account(),
        ["TwilioConsole__Twilio__AuthToken"] = Sids.AuthToken(),
        ["TwilioConsole__Twilio__ApiBaseUrl"] = twilioApi.ToString(),
        ["TwilioConsole__Twilio__DefaultSender"] = "+15017122661",
        ["TwilioConsole__PublicBaseUrl"] = publicBaseUrl.ToString(),
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>Polls until the condition holds; past the timeout, fails with the app's output.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow >= until)
            {
                throw new TimeoutException($"Timed out after {timeout}. App output:\n{Output}");
            }

            await Task.Delay(200, ct);
        }
    }

    public static AppProcess OnFreePort() => new(new Uri($"http://127.0.0.1:{FreePort()}/"));

    /// <summary>From process start to the first 200 on /health.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Starts the app with these settings (environment variables) and waits until /health answers.</summary>
    /// <param name="dll">Another build of the app (a publish folder's), started from its own folder so its appsettings apply.</param>
    public async Task StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct, string? dll = null)
    {
        dll ??= WebDll;
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "health"), ct)).StatusCode == HttpStatusCode.OK)
                {
                    StartupTime = started.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // slow first answer
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException($"The app did not become healthy:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, like a power cut or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
