using System.Globalization;

namespace AgentFunctions.Core.Graphs;

/// <content>Limits that keep parsing and evaluating a condition within a small, fixed amount of stack.</content>
public sealed partial class GraphCondition
{
    /// <summary>
    /// Most characters a condition may have, <c>${{ }}</c> included: 4,096. Checked before the text is read; it also
    /// bounds how long a chain of <c>&amp;&amp;</c> and <c>||</c> (evaluated recursively) can be.
    /// </summary>
    public const int MaxLength = 4096;

    /// <summary>Most levels parentheses, <c>!</c> and the arguments of <c>contains()</c>/<c>len()</c> may nest: 64.</summary>
    public const int MaxDepth = 64;

    /// <summary>Why a condition could not be parsed.</summary>
    /// <param name="Code"><see cref="GraphErrorCodes.InvalidExpression"/>, <see cref="GraphErrorCodes.TooLarge"/> or <see cref="GraphErrorCodes.TooDeep"/>.</param>
    /// <param name="Message">What is wrong, starting in lower case; for a limit it names the limit and does not quote the text.</param>
    /// <param name="Offset">The 0-based position in the text where the problem was found.</param>
    internal readonly record struct ParseFailure(string Code, string Message, int Offset);

    private static ParseFailure? CheckLength(string text) =>
        text.Length <= MaxLength
            ? null
            : new ParseFailure(
                GraphErrorCodes.TooLarge,
                string.Create(CultureInfo.InvariantCulture, $"the condition is {text.Length:N0} characters long; the limit is {MaxLength:N0}."),
                0);

    /// <content>The nesting counter.</content>
    private sealed partial class Parser
    {
        private int _depth;

        /// <summary>Enters one level of nesting (a <c>!</c>, a <c>(</c> or a call's arguments) at <paramref name="offset"/>.</summary>
        private void Enter(int offset)
        {
            if (++_depth > MaxDepth)
            {
                throw new SyntaxError(
                    string.Create(CultureInfo.InvariantCulture, $"parentheses, '!' and call arguments nest more than {MaxDepth} levels deep here; the limit is {MaxDepth}."),
                    offset,
                    GraphErrorCodes.TooDeep);
            }
        }

        private void Leave() => _depth--;
    }
}
