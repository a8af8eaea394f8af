using System.Diagnostics;
using System.Text;

namespace AgentFunctions.Cli.Local;

/// <summary>
/// A local Azurite (the Azure Storage emulator, pinned in the repository's <c>package.json</c>) started on free
/// 127.0.0.1 ports with in-memory persistence. Disposing it kills exactly the process it started, by process id.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The well-known Azurite development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite development account key (public, documented by Microsoft; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteProcess(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Gets the blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Gets the queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Gets the table service port.</summary>
    public int TablePort { get; }

    /// <summary>Gets the process id of the Azurite process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets a storage connection string for this Azurite instance (path-style endpoints).</summary>
    public string ConnectionString => ConnectionStringFor(BlobPort, QueuePort, TablePort);

    /// <summary>Gets the connection string of an Azurite on the given ports (which need not run yet).</summary>
    /// <param name="blob">The blob port.</param>
    /// <param name="queue">The queue port.</param>
    /// <param name="table">The table port.</param>
    /// <returns>The connection string.</returns>
    public static string ConnectionStringFor(int blob, int queue, int table) =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";

    private const string ParentPidVariable = "AGENTFUNCTIONS_PARENT_PID";

    // Checks every second that the parent process still exists (signal 0 throws ESRCH when it does not).
    private const string WatchdogScript =
        "const p=Number(process.env." + ParentPidVariable + ");"
        + "if(p>0){setInterval(()=>{try{process.kill(p,0)}catch(e){if(e.code==='ESRCH')process.exit(0)}},1000).unref()}\n";

    /// <summary>Starts Azurite from <c>node_modules</c> of the repository and waits until all three services listen.</summary>
    /// <param name="repositoryRoot">Repository root holding <c>node_modules/azurite</c>; null to find it from this assembly.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running instance.</returns>
    /// <exception cref="FileNotFoundException">Azurite is not installed (run <c>npm ci</c> in the repository root).</exception>
    /// <exception cref="InvalidOperationException">Azurite did not start listening within 60 seconds; the message holds its output.</exception>
    public static Task<AzuriteProcess> StartAsync(string? repositoryRoot = null, CancellationToken cancellationToken = default) =>
        StartAsync(repositoryRoot, null, cancellationToken);

    /// <summary>Starts Azurite on the given ports (blob, queue, table), or on free ones when null.</summary>
    /// <param name="repositoryRoot">Repository root holding <c>node_modules/azurite</c>; null to find it from this assembly.</param>
    /// <param name="ports">The three ports, or null for free ones.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running instance.</returns>
    /// <exception cref="FileNotFoundException">Azurite is not installed (run <c>npm ci</c> in the repository root).</exception>
    /// <exception cref="InvalidOperationException">Azurite did not start listening within 60 seconds; the message holds its output.</exception>
    public static async Task<AzuriteProcess> StartAsync(string? repositoryRoot, (int Blob, int Queue, int Table)? ports, CancellationToken cancellationToken = default)
    {
        var root = repositoryRoot ?? RepositoryLayout.FindRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"Azurite is not installed at '{script}'. Run 'npm ci' in '{root}'.", script);
        }

        for (var tryNumber = 1; ; tryNumber++)
        {
            var (blob, queue, table) = ports ?? FreePorts();
            var output = new StringBuilder();
            var startInfo = new ProcessStartInfo("node")
            {
                WorkingDirectory = Path.GetTempPath(),
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                // stdin is a closed pipe, never the terminal: a child in a background process group that touches the
                // terminal is stopped by SIGTTIN/SIGTTOU (state T), and a stopped Azurite outlives its watchdog (an Azurite in
                // state T was seen twice after CI runs started from a background shell job; this is the likely cause).
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            // Azurite exits by itself when this process is gone (SIGKILLed, or a test host torn down before its exit
            // handlers ran), so it never outlives the process that started it: node preloads a watchdog (--require).
            startInfo.Environment[ParentPidVariable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var arg in new[]
            {
                "--require", WatchdogFile(),

                // --skipApiVersionCheck: the Azure SDKs pinned here speak newer service versions than Azurite 3.37 (the newest on npm) declares.
                script, "--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
                "--blobHost", "127.0.0.1", "--blobPort", blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--queueHost", "127.0.0.1", "--queuePort", queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--tableHost", "127.0.0.1", "--tablePort", table.ToString(System.Globalization.CultureInfo.InvariantCulture),
            })
            {
                startInfo.ArgumentList.Add(arg);
            }

            var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node for Azurite.");
            process.StandardInput.Close();
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var instance = new AzuriteProcess(process, output, blob, queue, table);
            var timeout = TimeSpan.FromSeconds(60);
            if (await FreePort.WaitForListenerAsync(blob, timeout, cancellationToken)
                && await FreePort.WaitForListenerAsync(queue, timeout, cancellationToken)
                && await FreePort.WaitForListenerAsync(table, timeout, cancellationToken)
                && !process.HasExited)
            {
                return instance;
            }

            var log = instance.Output;
            await instance.DisposeAsync();
            if (tryNumber >= 3)
            {
                throw new InvalidOperationException($"Azurite did not start listening (3 tries). Last output:\n{log}");
            }
        }
    }

    /// <summary>Gets what Azurite printed so far (for diagnostics).</summary>
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

    /// <summary>Kills the Azurite process (by its id) and waits for it to exit.</summary>
    /// <returns>A task that completes when the process has exited.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // The process already exited.
        }

        _process.Dispose();
    }

    // The watchdog as a file under the temp folder, written atomically (several processes may start Azurite at once).
    private static string WatchdogFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "agentfunctions-azurite-watchdog.cjs");
        if (!File.Exists(path) || File.ReadAllText(path) != WatchdogScript)
        {
            var temporary = path + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(temporary, WatchdogScript);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    /// <summary>Picks three distinct free loopback ports for Azurite's Blob, Queue and Table services.</summary>
    /// <returns>The ports.</returns>
    public static (int Blob, int Queue, int Table) FreePorts()
    {
        var chosen = FreePort.Distinct(3);
        return (chosen[0], chosen[1], chosen[2]);
    }
}
