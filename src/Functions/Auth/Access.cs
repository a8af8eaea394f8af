using AgentFunctions.Core.Auth;
using AgentFunctions.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace AgentFunctions.Functions.Auth;

/// <summary>
/// The access rule every function applies once it knows what a request touches: the caller's role must be at least the one the
/// action needs and its domains must cover every domain of the resource (a run: its skills' domains; a skill or its knowledge:
/// the skill's domain). Otherwise 403 problem details naming the role and domains needed.
/// </summary>
internal static class Access
{
    /// <summary>Checks the caller of a request.</summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="role">The role the action needs.</param>
    /// <param name="domains">The resource's domains.</param>
    /// <param name="what">What is acted on, for the message (e.g. <c>run 'run-…'</c>).</param>
    /// <returns>Null when allowed, else the 403.</returns>
    public static IResult? Check(HttpRequest request, ApiRole role, IReadOnlyCollection<string> domains, string what)
    {
        var caller = request.Caller();
        if (caller.May(role, domains))
        {
            return null;
        }

        var scope = domains.Count == 0 ? "every domain (*), because it belongs to no domain" : $"domain(s) {string.Join(", ", domains)}";
        var has = $"key '{caller.Name}' is {caller.Role.ToString().ToLowerInvariant()} of {string.Join(", ", caller.Domains)}";
        return Problems.Result(403, "forbidden", "The API key may not do this.",
            $"{Capitalize(what)} needs the {role.ToString().ToLowerInvariant()} role on {scope}; the {has}.");
    }

    /// <summary>Checks one domain.</summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="role">The role the action needs.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="what">What is acted on.</param>
    /// <returns>Null when allowed, else the 403.</returns>
    public static IResult? Check(HttpRequest request, ApiRole role, string domain, string what) => Check(request, role, [domain], what);

    /// <summary>Whether the caller may read something of these domains (for filtering lists).</summary>
    /// <param name="request">The authenticated request.</param>
    /// <param name="domains">The item's domains.</param>
    /// <returns>True when visible.</returns>
    public static bool CanRead(HttpRequest request, IReadOnlyCollection<string> domains) => request.Caller().May(ApiRole.Reader, domains);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
