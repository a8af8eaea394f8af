using System.Text.Json.Nodes;

namespace AgentFunctions.Cli.Api;

/// <summary>The API answered with an error status; carries its RFC 7807 problem details (or what stood in for them).</summary>
public sealed class ApiProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="title">The problem's title (or the status's reason phrase).</param>
    /// <param name="detail">The problem's detail, or null.</param>
    /// <param name="code">The problem's stable <c>code</c>, or null.</param>
    /// <param name="errors">The problem's <c>errors</c> list (field, YAML line, node), or null.</param>
    public ApiProblemException(int status, string title, string? detail, string? code, JsonArray? errors)
        : base($"{status} {title}{(detail is null ? string.Empty : ": " + detail)}")
    {
        Status = status;
        Title = title;
        Detail = detail;
        Code = code;
        Errors = errors;
    }

    /// <summary>Creates an exception with a message (for serializers and analyzers; prefer the full constructor).</summary>
    public ApiProblemException()
        : this(500, "Unknown problem", null, null, null)
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The title.</param>
    public ApiProblemException(string message)
        : this(500, message, null, null, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The title.</param>
    /// <param name="innerException">The cause.</param>
    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Title = message;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public int Status { get; }

    /// <summary>Gets the problem's title.</summary>
    public string Title { get; } = string.Empty;

    /// <summary>Gets the problem's detail, or null.</summary>
    public string? Detail { get; }

    /// <summary>Gets the problem's stable code, or null.</summary>
    public string? Code { get; }

    /// <summary>Gets the problem's <c>errors</c> list, or null.</summary>
    public JsonArray? Errors { get; }
}
