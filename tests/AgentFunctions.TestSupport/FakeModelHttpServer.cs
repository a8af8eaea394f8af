using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AgentFunctions.Cli.Local;

namespace AgentFunctions.TestSupport;

/// <summary>
/// The HTTP side of the fake model servers: an <see cref="HttpListener"/> on a free 127.0.0.1 port that handles requests
/// concurrently, keeps every JSON body, counts requests in flight (and the most seen at once), and applies a reply's delay.
/// </summary>
internal sealed class FakeModelHttpServer : IAsyncDisposable
{
    private HttpListener _listener = new();
    private readonly Func<JsonObject, FakeModelReply> _reply;
    private readonly Func<JsonObject, FakeModelReply, (int Status, JsonObject Body)> _render;
    private readonly ConcurrentBag<Task> _handlers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _inFlight;
    private int _maxInFlight;

    public FakeModelHttpServer(Func<JsonObject, FakeModelReply> reply, Func<JsonObject, FakeModelReply, (int Status, JsonObject Body)> render)
    {
        _reply = reply;
        _render = render;
        // Another process can take a free port between choosing and binding it: retry with a new one, on a new listener
        // (a listener whose Start failed is closed and cannot be used again).
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                _listener.Close();
                _listener = new HttpListener();
            }
        }

        _loop = ServeAsync();
    }

    public int Port { get; private set; }

    public ConcurrentQueue<JsonObject> Requests { get; } = new();

    public ConcurrentQueue<System.Collections.Specialized.NameValueCollection> Headers { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _listener.Stop();
        }
        catch (HttpListenerException)
        {
            // Linux's managed listener can fail to release its endpoint; the test is over either way.
        }

        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // Stopped while waiting for a request.
        }

        await Task.WhenAll(_handlers);
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // As above: closing can report "address already in use" on Linux; nothing is left listening that we own.
        }
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync();
            _handlers.Add(Task.Run(() => HandleAsync(context)));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            Requests.Enqueue(body);
            Headers.Enqueue(new System.Collections.Specialized.NameValueCollection(context.Request.Headers));
            var reply = _reply(body);
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stop.Token);
            }

            var (status, json) = _render(body, reply);
            var bytes = Encoding.UTF8.GetBytes(json.ToJsonString());
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client gave up (a timeout) or the server is stopping.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
