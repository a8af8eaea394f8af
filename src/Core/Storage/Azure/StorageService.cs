using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AgentFunctions.Core.Storage.Azure;

/// <summary>One storage service endpoint (blob, queue or table) with the signed HTTP pipeline that talks to it.</summary>
internal sealed class StorageService
{
    public StorageService(Uri endpoint, HttpPipeline pipeline)
    {
        Endpoint = endpoint;
        Pipeline = pipeline;
    }

    /// <summary>Gets the service endpoint, without a trailing slash.</summary>
    public Uri Endpoint { get; }

    public HttpPipeline Pipeline { get; }

    /// <summary>Creates a request to <c>{endpoint}/{path}?{query}</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="escapedPath">The path below the endpoint, already escaped, without a leading slash.</param>
    /// <param name="query">Query parameters; values are escaped here.</param>
    public HttpMessage CreateMessage(RequestMethod method, string escapedPath, params ReadOnlySpan<(string Name, string Value)> query)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(Endpoint);
        message.Request.Uri.AppendPath("/" + escapedPath, escape: false);
        foreach (var (name, value) in query)
        {
            message.Request.Uri.AppendQuery(name, value, escapeValue: true);
        }

        return message;
    }

    /// <summary>Sends a message through the pipeline (retries included) and returns the response without judging its status.</summary>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken);
        return message.Response;
    }

    /// <summary>Sends a message and throws <see cref="RequestFailedException"/> unless the status is <paramref name="expectedStatus"/>.</summary>
    public async Task<Response> SendExpectingAsync(HttpMessage message, int expectedStatus, CancellationToken cancellationToken)
    {
        var response = await SendAsync(message, cancellationToken);
        return response.Status == expectedStatus ? response : throw StorageErrors.ToException(response);
    }
}
