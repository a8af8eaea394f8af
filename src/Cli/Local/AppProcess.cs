using System.Diagnostics;
using System.Text;

namespace AgentFunctions.Cli.Local;

/// <summary>
/// The Functions app started as a standalone process (<c>dotnet AgentFunctions.Functions.dll</c>) on a free 127.0.0.1 port.
/// <see cref="KillAsync"/> sends SIGKILL (a crash); <see cref="DisposeAsync"/> stops it gracefully (SIGTERM, then SIGKILL
/// after 10 s). Both act on exactly the process this object started, by its process id. Unless the environment sets
/// <c>Auth__AdminKey</c> (or turns authentication off), a random bootstrap admin key is generated for the process:
/// <see cref="AdminKey"/>, and <see cref="CreateClient"/> makes HTTP clients that send it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string? _logFile;

    private AppProcess(Process process, StringBuilder output, int port, string? logFile, string? adminKey)
    {
        _process = process;
        _output = output;
        Port = port;
        _logFile = logFile;
        AdminKey = adminKey;
    }

    /// <summary>Gets the bootstrap admin key the app was started with (scope <c>*</c>), or null when authentication is off.</summary>
    public string? AdminKey { get; }

    /// <summary>Gets the HTTP port.</summary>
    public int Port { get; }

    /// <summary>Gets the base address, <c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Gets the process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets what the app printed so far.</summary>
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

    /// <summary>Starts the app and waits until <c>GET /api/ready</c> answers 200 (or, when not waiting for readiness, until
    /// <c>GET /api/health</c> answers 200: alive).</summary>
    /// <param name="assemblyPath">Path of <c>AgentFunctions.Functions.dll</c>.</param>
    /// <param name="workingDirectory">Working directory (the content root: skills/, graphs/, examples/).</param>
    /// <param name="environment">Extra environment variables (storage connection, options).</param>
    /// <param name="port">Port to listen on, or null for a free one.</param>
    /// <param name="logFile">File to append the app's output to, or null.</param>
    /// <param name="waitUntilHealthy">True to wait until <c>/api/ready</c> answers 200 (storage, task hub and catalog ready); false to wait
    /// only until <c>/api/health</c> answers (alive).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running app.</returns>
    /// <exception cref="InvalidOperationException">The app exited or did not answer as asked within 120 s; the message holds its output.</exception>
    public static async Task<AppProcess> StartAsync(
        string assemblyPath,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        int? port = null,
        string? logFile = null,
        bool waitUntilHealthy = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var chosen = port ?? FreePort.Next();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // stdin is a closed pipe, never the terminal (a background child touching it would be stopped by SIGTTIN).
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assemblyPath);
        startInfo.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{chosen}";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var authOff = environment.TryGetValue("Auth__Enabled", out var enabled) && string.Equals(enabled, "false", StringComparison.OrdinalIgnoreCase);
        string? adminKey = null;
        if (!authOff)
        {
            adminKey = environment.TryGetValue("Auth__AdminKey", out var given) ? given : "dev-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            startInfo.Environment["Auth__AdminKey"] = adminKey;
        }

        var output = new StringBuilder();
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => Append(output, e.Data, logFile);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data, logFile);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, chosen, logFile, adminKey);
        if (!await app.WaitHealthyAsync(TimeSpan.FromSeconds(120), waitUntilHealthy, cancellationToken))
        {
            var log = app.Output;
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The app did not {(waitUntilHealthy ? "become healthy" : "answer")} on port {chosen}" +
                (app.LastAnswer is { } answer ? $"; its last answer was {answer}" : string.Empty) + $". Output:\n{log}");
        }

        return app;
    }

    /// <summary>Makes an HTTP client for the app that sends <see cref="AdminKey"/> as <c>x-api-key</c>.</summary>
    /// <param name="timeout">The request timeout (default 100 s).</param>
    /// <returns>The client; the caller disposes it.</returns>
    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        if (AdminKey is not null)
        {
            http.DefaultRequestHeaders.Add("x-api-key", AdminKey);
        }

        return http;
    }

    /// <summary>Kills the process with SIGKILL, as a crash would, and waits for it to exit.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the process: SIGTERM for a graceful shutdown, SIGKILL if it has not exited after 10 s.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await SendTermAsync(_process.Id);

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    await KillAsync();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        _process.Dispose();
    }

    /// <summary>Gets the last answer other than 200 of <c>/api/ready</c> (or <c>/api/health</c>): status and body, or null.</summary>
    public string? LastAnswer { get; private set; }

    /// <summary>Waits until <c>/api/ready</c> answers 200.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>True when it became ready in time.</returns>
    public Task<bool> WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => WaitHealthyAsync(timeout, true, cancellationToken);

    private async Task<bool> WaitHealthyAsync(TimeSpan timeout, bool ready, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(ready ? "api/ready" : "api/health", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }

                LastAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Request timed out; try again.
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    private static void Append(StringBuilder output, string? line, string? logFile)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (logFile is not null)
            {
                File.AppendAllText(logFile, line + Environment.NewLine);
            }
        }
    }

    private static async Task SendTermAsync(int pid)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }
}
