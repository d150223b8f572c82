using HumanSecurityAlerts.Languages;

namespace HumanSecurityAlerts.UnitTests.Languages;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public void A_code_parses_and_gives_itself_back(string code)
    {
        Assert.True(Language.TryParse(code, out var language));
        Assert.Equal(code, language.Code);
        Assert.Equal(code, language.ToString());
        Assert.True(Language.TryParse(language.ToString(), out var again));
        Assert.Equal(language, again);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("EN")]
    [InlineData("Fr")]
    [InlineData(" fr")]
    [InlineData("fr-FR")]
    [InlineData("de")]
    [InlineData("other")]
    public void Anything_else_is_refused(string? code)
    {
        Assert.False(Language.TryParse(code, out var language));
        Assert.Equal(Language.En, language);
    }

    [Fact]
    public void The_default_is_english()
    {
        Assert.Equal(Language.En, default);
        Assert.Equal("en", default(Language).Code);
    }

    [Fact]
    public void French_has_its_own_typography_culture_and_texts()
    {
        Assert.Equal("\u00a0: ", Language.Fr.Colon);
        Assert.Equal(": ", Language.En.Colon);
        Assert.Equal("fr-FR", Language.Fr.Culture.Name);
        Assert.Equal("en-GB", Language.En.Culture.Name);
        Assert.Equal("Français", Language.Fr.Name);
        Assert.Equal("English", Language.En.Name);
        Assert.Equal("deux", Language.Fr.Pick("two", "deux"));
        Assert.Equal("two", Language.En.Pick("two", "deux"));
        Assert.Equal(Language.En, Language.Fr.Other);
        Assert.Equal(Language.Fr, Language.En.Other);
        Assert.Equal([Language.En, Language.Fr], Language.All);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("", "en")]
    [InlineData("fr-FR,fr;q=0.9,en;q=0.8", "fr")]
    [InlineData(" FR", "fr")]
    [InlineData("en-GB,fr;q=0.5", "en")]
    [InlineData("de", "en")]
    public void Accept_language_chooses_french_only_when_it_comes_first(string? header, string expected)
    {
        Assert.Equal(expected, Language.FromAcceptLanguage(header).Code);
    }
}
