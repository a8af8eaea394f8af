using System.Diagnostics.CodeAnalysis;
using YamlDotNet.Core;

namespace AgentFunctions.Core.Graphs;

/// <summary>Thrown while reading YAML that breaks one of the <see cref="YamlLimits"/>; callers turn it into an error with its code.</summary>
[SuppressMessage("Design", "CA1064:Exceptions should be public", Justification = "Caught by the loaders in this assembly; never thrown to callers.")]
internal sealed class YamlLimitException : YamlException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">One of <see cref="GraphErrorCodes.TooLarge"/>, <see cref="GraphErrorCodes.TooDeep"/> or <see cref="GraphErrorCodes.YamlAlias"/>.</param>
    /// <param name="at">Where in the text the limit was passed, or null (for the size).</param>
    /// <param name="reason">What limit was passed, starting in lower case.</param>
    public YamlLimitException(string code, Mark? at, string reason)
        : base(at ?? Mark.Empty, at ?? Mark.Empty, reason)
    {
        Code = code;
        Reason = reason;
        At = at;
    }

    /// <summary>Gets the <see cref="GraphErrorCodes"/> code.</summary>
    public string Code { get; }

    /// <summary>Gets the reason without YamlDotNet's position prefix.</summary>
    public string Reason { get; }

    /// <summary>Gets where in the text the limit was passed, or null when it has no position.</summary>
    public Mark? At { get; }
}
