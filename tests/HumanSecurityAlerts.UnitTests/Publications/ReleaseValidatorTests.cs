using HumanSecurityAlerts.Publications;

namespace HumanSecurityAlerts.UnitTests.Publications;

public sealed class ReleaseValidatorTests
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PublicationsOptions Options = new() { MaxTextChars = 1000 };
    private static readonly string[] AllFields = ["id", "language", "pillars", "publishedAt", "summary", "title", "url"];

    [Fact]
    public void A_minimal_release_gets_an_id_from_its_URL_and_defaults()
    {
        var errors = ReleaseValidator.Validate(new ReleaseRequest { Title = " T ", Url = "https://example.org/a/?utm_source=x" }, Options, Now, out var release);

        Assert.True(errors.IsEmpty);
        Assert.NotNull(release);
        Assert.Equal("T", release.Title);
        Assert.Equal("https://example.org/a", release.Url.AbsoluteUri);
        Assert.Equal(PublicationId.FromCanonicalUrl(release.Url), release.Id);
        Assert.Equal(Now, release.PublishedAt);
        Assert.Null(release.Pillars);
        Assert.Null(release.Language);
    }

    [Fact]
    public void An_admin_id_date_language_and_pillars_are_kept_and_pillars_put_in_catalogue_order()
    {
        var request = new ReleaseRequest
        {
            Id = "my-release",
            Title = "T",
            Url = "https://example.org/a",
            PublishedAt = "2021-02-25",
            Language = "fr",
            Pillars = ["women-peace-and-security", "protection-of-civilians", "protection-of-civilians"],
        };

        var errors = ReleaseValidator.Validate(request, Options, Now, out var release);

        Assert.True(errors.IsEmpty);
        Assert.Equal("my-release", release!.Id);
        Assert.Equal(new DateTimeOffset(2021, 2, 25, 0, 0, 0, TimeSpan.Zero), release.PublishedAt);
        Assert.Equal("fr", release.Language);
        Assert.Equal(["protection-of-civilians", "women-peace-and-security"], release.Pillars);
    }

    [Fact]
    public void An_empty_pillar_list_means_no_pillars_not_the_classifier()
    {
        ReleaseValidator.Validate(new ReleaseRequest { Title = "T", Url = "https://example.org/a", Pillars = [] }, Options, Now, out var release);

        Assert.NotNull(release!.Pillars);
        Assert.Empty(release.Pillars);
    }

    [Fact]
    public void A_date_within_the_clock_skew_tolerance_is_accepted_and_one_beyond_it_is_not()
    {
        var near = ReleaseValidator.Validate(new ReleaseRequest { Title = "T", Url = "https://example.org/a", PublishedAt = Now.AddMinutes(5).ToString("O") }, Options, Now, out _);
        var far = ReleaseValidator.Validate(new ReleaseRequest { Title = "T", Url = "https://example.org/a", PublishedAt = Now.AddMinutes(11).ToString("O") }, Options, Now, out _);

        Assert.True(near.IsEmpty);
        Assert.Equal(["publishedAt"], far.ToDictionary().Keys);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var request = new ReleaseRequest
        {
            Id = "BAD ID",
            Title = new string('t', PublicationsOptions.MaxTitleChars + 1),
            Url = "ftp://example.org",
            Summary = new string('s', PublicationsOptions.MaxSummaryChars + 1),
            Language = "de",
            PublishedAt = "yesterday",
            Pillars = ["nope"],
        };

        var errors = ReleaseValidator.Validate(request, Options, Now, out var release);

        Assert.Null(release);
        Assert.Equal(AllFields, errors.ToDictionary().Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Text_over_the_limit_is_cut_and_flagged_never_inside_a_surrogate_pair()
    {
        var text = new string('a', 999) + "😀" + "tail";

        ReleaseValidator.Validate(new ReleaseRequest { Title = "T", Url = "https://example.org/a", Text = text }, Options, Now, out var release);

        Assert.True(release!.TextTruncated);
        Assert.Equal(999, release.Text.Length);
    }

    [Fact]
    public void A_preview_needs_some_text_and_a_known_language()
    {
        Assert.False(ReleaseValidator.ValidatePreview(new ReleaseRequest()).IsEmpty);
        Assert.False(ReleaseValidator.ValidatePreview(new ReleaseRequest { Text = "x", Language = "es" }).IsEmpty);
        Assert.True(ReleaseValidator.ValidatePreview(new ReleaseRequest { Summary = "x" }).IsEmpty);
    }
}
