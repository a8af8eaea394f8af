using AgentFunctions.Core.Tools.Release;

namespace AgentFunctions.Core.Tests.Tools;

public sealed class ChangelogEditorTests
{
    [Fact]
    public void AddEntry_EmptyUnreleasedSection_AddsChangedSubsection()
    {
        var changelog = "# Changelog\n\n## [Unreleased]\n\n## [0.1.0] - 2025-01-01\n\n### Added\n\n- First.\n";

        var result = ChangelogEditor.AddEntry(changelog, "Fix the answer (run r1, 2025-06-01)");

        Assert.Equal(
            "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Fix the answer (run r1, 2025-06-01)\n\n## [0.1.0] - 2025-01-01\n\n### Added\n\n- First.\n",
            result);
    }

    [Fact]
    public void AddEntry_ExistingChangedSubsection_AddsNewestFirst()
    {
        var changelog = "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Older.\n\n## [0.1.0]\n";

        var result = ChangelogEditor.AddEntry(changelog, "Newer.");

        Assert.Equal("# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Newer.\n- Older.\n\n## [0.1.0]\n", result);
    }

    [Fact]
    public void AddEntry_NoUnreleasedSection_CreatesItBeforeFirstRelease()
    {
        var changelog = "# Changelog\nIntro.\n## [0.1.0]\n- First.\n";

        var result = ChangelogEditor.AddEntry(changelog, "Entry.");

        Assert.Equal("# Changelog\nIntro.\n\n## [Unreleased]\n\n### Changed\n\n- Entry.\n\n## [0.1.0]\n- First.\n", result);
    }

    [Fact]
    public void AddEntry_EmptyFile_CreatesChangelog()
    {
        Assert.Equal("# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Entry.\n", ChangelogEditor.AddEntry(string.Empty, "Entry."));
    }

    [Fact]
    public void AddEntry_SameEntryTwice_AddsItOnce()
    {
        var once = ChangelogEditor.AddEntry("# Changelog\n\n## [Unreleased]\n", "Entry.");

        Assert.Equal(once, ChangelogEditor.AddEntry(once, "Entry."));
    }
}
