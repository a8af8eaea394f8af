using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Api;

/// <summary>
/// The AgentFunctions HTTP API as the CLI uses it: JSON in and out, the API key as <c>x-api-key</c>, and every error status
/// turned into an <see cref="ApiProblemException"/> with the problem details' title and detail.
/// </summary>
public sealed class ApiClient : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Creates a client.</summary>
    /// <param name="baseAddress">The app's address, such as <c>http://127.0.0.1:7071</c>.</param>
    /// <param name="apiKey">The API key, or null to send none.</param>
    /// <param name="handler">The HTTP handler, or null for a default one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="baseAddress"/> is null.</exception>
    public ApiClient(Uri baseAddress, string? apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        // No client-wide timeout: an event stream stays open for the whole run; each call bounds itself.
        _http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) }) { BaseAddress = root, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }
    }

    /// <summary>Gets the app's base address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary>Sends <c>GET</c> and reads the JSON answer.</summary>
    /// <param name="path">The path relative to the base address, such as <c>api/runs/abc</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The JSON body.</returns>
    /// <exception cref="ApiProblemException">The API answered with an error status.</exception>
    /// <exception cref="HttpRequestException">The app could not be reached.</exception>
    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>Sends <c>POST</c> with a JSON body and reads the JSON answer.</summary>
    /// <param name="path">The path relative to the base address.</param>
    /// <param name="body">The body (serialized as JSON), or null for an empty body.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The JSON body (an empty object when the answer has none).</returns>
    /// <exception cref="ApiProblemException">The API answered with an error status.</exception>
    /// <exception cref="HttpRequestException">The app could not be reached.</exception>
    public Task<JsonNode> PostAsync(string path, object? body, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body, cancellationToken);

    /// <summary>Opens a <c>text/event-stream</c> response (<c>GET</c>), sending <c>Last-Event-ID</c> when resuming.</summary>
    /// <param name="path">The path relative to the base address.</param>
    /// <param name="lastEventId">The <c>id:</c> of the last event received, or null to start from the beginning.</param>
    /// <param name="cancellationToken">Cancels the request and the stream.</param>
    /// <returns>The response (the caller disposes it) whose body is the stream.</returns>
    /// <exception cref="ApiProblemException">The API answered with an error status before the stream started.</exception>
    /// <exception cref="HttpRequestException">The app could not be reached.</exception>
    public async Task<HttpResponseMessage> OpenEventStreamAsync(string path, string? lastEventId, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProblemAsync(response, cancellationToken);
            }
        }

        return response;
    }

    /// <inheritdoc/>
    public void Dispose() => _http.Dispose();

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(100));
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: s_json);
        }
        else if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(string.Empty);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{method} {path}: the app did not answer within 100 s.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ProblemAsync(response, cancellationToken);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
        }
    }

    private static async Task<ApiProblemException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var reason = response.ReasonPhrase ?? ((HttpStatusCode)status).ToString();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            if (JsonNode.Parse(text) is JsonObject problem)
            {
                return new ApiProblemException(status, problem["title"]?.ToString() ?? reason, problem["detail"]?.ToString(),
                    problem["code"]?.ToString(), problem["errors"] as JsonArray);
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, an empty body): the status and the first line of the text say enough.
        }

        var first = text.Split('\n', 2)[0].Trim();
        return new ApiProblemException(status, reason, first.Length == 0 ? null : first[..Math.Min(first.Length, 200)], null, null);
    }

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
