namespace AgentFunctions.Core.Skills;

/// <summary>
/// Stable codes of <see cref="SkillIssue"/>, modelled on Agentura's <c>agentura validate</c>. Clients may switch on them;
/// their meaning never changes (the messages may be reworded). Each says whether it is an error or a warning.
/// </summary>
public static class SkillIssueCodes
{
    /// <summary>Error: the skills folder does not exist.</summary>
    public const string MissingFolder = "missing_folder";

    /// <summary>Error: the skill asked for (<c>validate domain/skill</c>) has no <c>SKILL.md</c>.</summary>
    public const string MissingSkillFile = "missing_skill_file";

    /// <summary>Warning: a folder under a domain has no <c>SKILL.md</c>, so it is not a skill.</summary>
    public const string NotASkill = "not_a_skill";

    /// <summary>Error: the frontmatter block is missing, not closed, not YAML, or not a mapping.</summary>
    public const string FrontmatterSyntax = "frontmatter_syntax";

    /// <summary>Error: <c>name:</c> differs from the skill folder name, or <c>domain:</c> from the domain folder name.</summary>
    public const string NameMismatch = "name_mismatch";

    /// <summary>Error: a frontmatter value has the wrong type or lies outside its range.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>Error: <c>input_schema</c> or <c>output_schema</c> is not a valid schema (or its file cannot be read).</summary>
    public const string InvalidSchema = "invalid_schema";

    /// <summary>Error: a <c>routes_to</c> entry names a domain or skill that does not exist.</summary>
    public const string UnknownRoute = "unknown_route";

    /// <summary>Error: the domain's <c>DOMAIN.md</c> has errors, so its skills are not loaded (its budget would be unknown).</summary>
    public const string DomainNotLoaded = "domain_not_loaded";

    /// <summary>Warning: a schema uses a keyword its dialect does not define, or an unknown format: it has no effect (see <see cref="Schemas.JsonSchema"/>).</summary>
    public const string UnsupportedSchemaKeyword = "unsupported_schema_keyword";

    /// <summary>Warning: a frontmatter field the format does not define (it is ignored).</summary>
    public const string UnknownField = "unknown_field";

    /// <summary>Warning: the body has no <c>## Task</c> or no <c>## Output Format</c> section.</summary>
    public const string MissingSection = "missing_section";

    /// <summary>Warning: the prompt body is shorter than 50 characters.</summary>
    public const string ShortPrompt = "short_prompt";

    /// <summary>Warning: <c>output: json</c> without an <c>output_schema</c>, so answers are only checked to be JSON objects.</summary>
    public const string JsonWithoutSchema = "json_without_schema";

    /// <summary>Warning: <c>output_schema</c> is set but <c>output</c> is <c>text</c>, so it is never checked.</summary>
    public const string OutputSchemaUnused = "output_schema_unused";

    /// <summary>Warning: <c>routes_to</c> on a skill whose role is not <c>manager</c>, or a route without <c>when</c> keywords.</summary>
    public const string RouteNotUsable = "route_not_usable";

    /// <summary>Warning: the skill has no <c>fixtures/sample_input.json</c>.</summary>
    public const string NoFixture = "no_fixture";

    /// <summary>Warning: <c>fixtures/sample_input.json</c> is not JSON or does not satisfy <c>input_schema</c>.</summary>
    public const string FixtureMismatch = "fixture_mismatch";
}
