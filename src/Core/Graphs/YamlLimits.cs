using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentFunctions.Core.Graphs;

/// <summary>
/// Limits on YAML read from requests and files (graphs, SKILL.md and DOMAIN.md frontmatter, schema files), enforced
/// before a document tree is built so that hostile input is an ordinary error rather than a stack overflow, or an
/// alias expansion that exhausts memory, ending the host process. YamlDotNet's scanner and parser are iterative state
/// machines, but building the tree (<see cref="YamlStream"/>) and our conversions recurse once per level; so the text
/// is streamed through <see cref="BoundedYamlParser"/>, which counts nesting and values from the parser's events (exact
/// YAML semantics: flow <c>[ {</c> and block indentation alike, nothing inside quotes, comments or block scalars) and
/// stops at the first event past a limit, whose line it reports.
/// </summary>
public static class YamlLimits
{
    /// <summary>Most UTF-8 bytes a YAML text may have: 1 MiB (1,048,576 bytes), room for about 25,000 one-line nodes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Most levels mappings and sequences may nest, the top-level mapping counting as level 1: 64.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Most values (scalars, keys included, mappings and sequences) a text may hold once each alias (<c>*name</c>) is
    /// counted as the values of the node it repeats: 250,000. A 10,000-node graph holds about 70,000.
    /// </summary>
    public const int MaxValues = 250_000;

    /// <summary>Checks the size, then parses a text within the nesting and value limits.</summary>
    /// <param name="text">The YAML text.</param>
    /// <returns>The stream.</returns>
    /// <exception cref="YamlLimitException">The text breaks a limit.</exception>
    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    internal static YamlStream Load(string text)
    {
        CheckSize(text);
        var stream = new YamlStream();
        stream.Load(new BoundedYamlParser(new Parser(new StringReader(text))));
        return stream;
    }

    /// <summary>Throws when <paramref name="text"/> is longer than <see cref="MaxBytes"/> in UTF-8.</summary>
    /// <param name="text">The YAML text.</param>
    /// <exception cref="YamlLimitException">The text is too large.</exception>
    internal static void CheckSize(string text)
    {
        // UTF-8 never takes fewer bytes than UTF-16 code units, so a long string is rejected without counting.
        var bytes = text.Length > MaxBytes ? (long)text.Length : Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxBytes)
        {
            var size = string.Create(CultureInfo.InvariantCulture, $"{bytes:N0}");
            throw new YamlLimitException(
                GraphErrorCodes.TooLarge,
                null,
                $"the YAML is {(text.Length > MaxBytes ? "at least " + size : size)} bytes; the limit is {MaxBytes:N0} bytes (1 MiB).");
        }
    }
}
