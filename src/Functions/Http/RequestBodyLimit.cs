using AgentFunctions.Core.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace AgentFunctions.Functions.Http;

/// <summary>
/// Enforces <see cref="LimitOptions.MaxRequestBodyBytes"/> before a function reads its body: a declared <c>Content-Length</c> over the
/// limit is 413 at once; a chunked body is capped through the server's <see cref="IHttpMaxRequestBodySizeFeature"/>, so reading past
/// the limit throws <see cref="BadHttpRequestException"/> (status 413), which <see cref="TooLarge"/> turns into the same problem.
/// </summary>
internal static class RequestBodyLimit
{
    /// <summary>Checks and caps the request body.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>Null when the body may be read, else the 413.</returns>
    public static IResult? Check(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = Limit(context);
        if (context.Request.ContentLength is { } length && length > limit)
        {
            return TooLarge(length, limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        return null;
    }

    /// <summary>The 413 problem.</summary>
    /// <param name="length">The body's size in bytes, or null when it is only known to be over.</param>
    /// <param name="limit">The limit in bytes.</param>
    /// <returns>The problem.</returns>
    public static IResult TooLarge(long? length, long limit) =>
        Problems.Result(413, "request-too-large", "The request body is too large.",
            $"The body is {(length is { } l ? $"{l:N0} bytes" : "larger than the limit")}; the limit is {limit:N0} bytes (Limits:MaxRequestBodyBytes).");

    /// <summary>The limit in effect.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>Bytes.</returns>
    public static long Limit(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<LimitOptions>>().Value.MaxRequestBodyBytes;
}
