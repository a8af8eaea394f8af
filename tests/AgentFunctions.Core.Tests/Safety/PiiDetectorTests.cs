using AgentFunctions.Core.Safety.Pii;

namespace AgentFunctions.Core.Tests.Safety;

public sealed class PiiDetectorTests
{
    [Theory]
    [InlineData("mail jane.doe+x@mail.example.co.uk now", PiiKind.Email, "jane.doe+x@mail.example.co.uk")]
    [InlineData("card 4111 1111 1111 1111.", PiiKind.Card, "4111 1111 1111 1111")]
    [InlineData("card 5500-0000-0000-0004", PiiKind.Card, "5500-0000-0000-0004")]
    [InlineData("iban GB82 WEST 1234 5698 7654 32 ok", PiiKind.Iban, "GB82 WEST 1234 5698 7654 32")]
    [InlineData("iban DE89370400440532013000", PiiKind.Iban, "DE89370400440532013000")]
    [InlineData("ssn 123-45-6789", PiiKind.Ssn, "123-45-6789")]
    [InlineData("from 192.168.10.200:", PiiKind.Ip, "192.168.10.200")]
    [InlineData("v6 2001:db8::8a2e:370:7334 here", PiiKind.Ip, "2001:db8::8a2e:370:7334")]
    [InlineData("call +1 415 555 0100", PiiKind.Phone, "+1 415 555 0100")]
    [InlineData("call (415) 555-0100 today", PiiKind.Phone, "(415) 555-0100")]
    public void Find_EachKind(string text, PiiKind kind, string value)
    {
        var match = Assert.Single(PiiDetector.Find(text, []));
        Assert.Equal((kind, value), (match.Kind, match.Value));
        Assert.Equal(value, text.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("card 4111 1111 1111 1112")] // fails Luhn
    [InlineData("release 2026-12-03, version 1.2.3, build 10.0.100, port 8080, id 123456789")]
    [InlineData("999.1.1.1 is no address")]
    [InlineData("tokens <EMAIL_1> and <CARD_2> stay")]
    public void Find_NotPii(string text) => Assert.Empty(PiiDetector.Find(text, []));

    [Theory]
    [InlineData("iban GB83 WEST 1234 5698 7654 32", PiiKind.Iban)] // wrong check digits
    [InlineData("ssn 000-45-6789 and 666-12-3456 and 900-12-3456", PiiKind.Ssn)] // never issued (still phone-shaped: redacted as phones)
    public void Find_FailsTheCheck_NotThatKind(string text, PiiKind kind) => Assert.DoesNotContain(PiiDetector.Find(text, []), m => m.Kind == kind);

    [Fact]
    public void Find_Names_WholeWordCaseInsensitive_LongestFirst()
    {
        var found = PiiDetector.Find("JANE DOE wrote; Jane again; Janet is someone else.", ["Jane Doe", "Jane"]);

        Assert.Equal(["JANE DOE", "Jane"], found.Select(m => m.Value));
        Assert.All(found, m => Assert.Equal(PiiKind.Name, m.Kind));
    }

    [Fact]
    public void Find_ACardIsNotAlsoAPhone_AndMatchesDoNotOverlap()
    {
        var found = PiiDetector.Find("4111-1111-1111-1111 / +44 20 7946 0958 / a@b.io", []);

        Assert.Equal([PiiKind.Card, PiiKind.Phone, PiiKind.Email], found.Select(m => m.Kind));
    }

    [Theory]
    [InlineData("79927398713", true)]
    [InlineData("79927398710", false)]
    public void Luhn_MatchesTheIsoExample(string digits, bool valid) => Assert.Equal(valid, PiiDetector.Luhn(digits));

    [Fact]
    public void TokenMap_RedactsStably_RestoresKnownTokensOnly_RoundTripsJson()
    {
        var map = new PiiTokenMap();
        const string text = "a@b.io wrote to c@d.io, then a@b.io again";
        var matches = PiiDetector.Find(text, []);
        foreach (var m in matches)
        {
            map.Add(m.Kind, m.Value);
        }

        var redacted = map.Redact(text, matches);
        Assert.Equal("<EMAIL_1> wrote to <EMAIL_2>, then <EMAIL_1> again", redacted);
        var copy = PiiTokenMap.FromJson(map.ToJson());
        Assert.Equal(text + " <EMAIL_3> <CARD_1>", copy.Restore(redacted + " <EMAIL_3> <CARD_1>"));
    }
}
