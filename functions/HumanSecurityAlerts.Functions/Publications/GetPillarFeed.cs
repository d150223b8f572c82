using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using HumanSecurityAlerts.Functions.Http;
using HumanSecurityAlerts.Languages;
using HumanSecurityAlerts.Pillars;
using HumanSecurityAlerts.Publications;
using HumanSecurityAlerts.Site;
using HumanSecurityAlerts.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace HumanSecurityAlerts.Functions.Publications;

/// <summary>
/// <c>GET /api/pillars/{id}/feed?lang=</c>: an Atom 1.0 feed of a pillar's newest publications, so a feed reader can
/// follow a pillar without subscribing. <c>lang=fr</c> gives French titles and keeps French publications only; without
/// it the feed is in English and holds both, each entry marked with its own <c>xml:lang</c>. Cacheable for five
/// minutes, with validators for conditional GET.
/// </summary>
internal sealed class GetPillarFeed(IPublicationStore store, IOptions<PublicationsOptions> options, IOptions<SiteOptions> site, TimeProvider time)
{
    public const string AtomContentType = "application/atom+xml; charset=utf-8";

    private static readonly XmlQualifiedName XmlLang = new("lang", "http://www.w3.org/XML/1998/namespace");
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    [Function(nameof(GetPillarFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "pillars/{id}/feed")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!PillarId.TryParse(id, out var pillarId))
        {
            return Problems.NotFound($"No pillar has the id '{(id.Length > 64 ? id[..64] : id)}'.");
        }

        var pillar = pillarId.Pillar;

        Language? language = Language.TryParse(request.Query["lang"], out var l) ? l : null;
        var page = await store.ListAsync(pillar.Id, language?.Code, options.Value.FeedEntries, null, cancellationToken).ConfigureAwait(false);

        var selfUrl = site.Value.Api($"pillars/{pillar.Id}/feed" + (language is { } chosen ? "?lang=" + chosen.Code : ""));
        var feed = new SyndicationFeed(
            "HumanSecurityAlerts — " + pillar.Name(language ?? Language.En),
            pillar.Description(language ?? Language.En),
            site.Value.Api($"publications?pillar={pillar.Id}"),
            selfUrl.AbsoluteUri,
            page.Items.Count > 0 ? page.Items[0].PublishedAt : time.GetUtcNow())
        {
            Language = (language ?? Language.En).Code,
            Generator = "HumanSecurityAlerts",
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(selfUrl, "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = "HumanSecurityAlerts" });
        feed.Items = page.Items.Select(p =>
        {
            // Cleaned again here: rows stored before text was cleaned on entry must not make the writer throw.
            var item = new SyndicationItem(SafeText.Clean(p.Title), SafeText.Clean(p.Summary), p.Url, "urn:humansecurityalerts:publication:" + p.Id, p.PublishedAt)
            {
                PublishDate = p.PublishedAt,
            };

            // An empty xml:lang says "language unknown" rather than inheriting the feed's.
            item.AttributeExtensions.Add(XmlLang, Language.TryParse(p.Language, out var itemLanguage) ? itemLanguage.Code : "");
            foreach (var pillarId in p.Pillars)
            {
                item.Categories.Add(new SyndicationCategory(pillarId));
            }

            return item;
        }).ToList();

        var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return CacheableContent.Result(request, buffer.ToArray(), AtomContentType, feed.LastUpdatedTime, MaxAge);
    }
}
