using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;

namespace AgentFunctions.Functions.Http;

/// <summary>
/// Serves the dashboard's static files (built from <c>dashboard/</c> by <c>scripts/ensure-node-tools.sh dashboard</c> into the
/// app's <c>dashboard/</c> output folder) at <c>/api/dashboard/</c>. Anonymous: the files hold no data; every API call the page
/// makes sends the user's API key. Files under <c>assets/</c> carry a content hash in their names and are cached for a year;
/// everything else (<c>index.html</c>) is revalidated on each load.
/// </summary>
public static class DashboardFunctions
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider s_contentTypes = new();

    /// <summary>Gets the folder the dashboard is served from: <c>dashboard/</c> next to the app's assembly.</summary>
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "dashboard");

    /// <summary><c>GET /api/dashboard/{*path}</c>: a file of the dashboard; <c>/api/dashboard</c> redirects to <c>/api/dashboard/</c>
    /// (so the page's relative links resolve), an empty path is <c>index.html</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="path">The file's path under the dashboard folder.</param>
    /// <returns>200 with the file, 304 when the caller's copy is current, 302 to add the trailing slash, 404 problem details for a
    /// missing file or a path that leaves the folder, 503 problem details when the dashboard was not built.</returns>
    [Function("Dashboard")]
    public static IResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/{*path}")] HttpRequest request, string? path)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            return Results.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }

        if (!File.Exists(Path.Combine(Root, "index.html")))
        {
            return Problems.Result(503, "dashboard-not-built", "The dashboard was not built.",
                $"No index.html under {Root}: run scripts/ensure-node-tools.sh dashboard, then build the app again.");
        }

        if (Resolve(path) is not { } file)
        {
            return Problems.Result(404, "not-found", "Not found.", $"The dashboard has no file '{path}'.");
        }

        var info = new FileInfo(file);
        var headers = request.HttpContext.Response.Headers;
        var immutable = file.StartsWith(Path.Combine(Root, "assets") + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        var contentType = s_contentTypes.TryGetContentType(file, out var type) ? type : "application/octet-stream";
        var etag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return Results.File(file, contentType, lastModified: info.LastWriteTimeUtc, entityTag: etag);
    }

    /// <summary>Maps a request path to a file under <see cref="Root"/>, or null when there is none or the path leaves it
    /// (<c>..</c>, rooted or encoded separators, hidden files).</summary>
    /// <param name="path">The path after <c>/api/dashboard/</c>, or null for the index.</param>
    /// <returns>The file's full path, or null.</returns>
    internal static string? Resolve(string? path)
    {
        var relative = string.IsNullOrEmpty(path) ? "index.html" : path;
        var segments = relative.Split('/');
        if (relative.Contains('\\', StringComparison.Ordinal) || relative.Contains(':', StringComparison.Ordinal) || relative.Contains('\0', StringComparison.Ordinal)
            || segments.Any(s => s.Length == 0 || s.StartsWith('.')))
        {
            return null;
        }

        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(root, Path.Combine(segments)));
        return full.StartsWith(root, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
