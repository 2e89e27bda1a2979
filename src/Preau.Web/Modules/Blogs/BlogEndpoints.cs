using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>
/// Anonymous addresses of public blogs: the RSS 2.0 and Atom feeds (published articles of a public blog only, never one
/// held back by a photo authorisation) and the blog's images, served after the same check as the article that shows them.
/// A blog that is not public answers 404 to everyone here.
/// </summary>
internal static class BlogEndpoints
{
    private const int FeedSize = 20;

    public static void MapBlogs(this IEndpointRouteBuilder app)
    {
        app.MapGet("/blogs/{slug}/rss.xml", (string slug, HttpContext http, BlogQueries q, CancellationToken ct) => FeedAsync(slug, http, q, atom: false, ct))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/blogs/{slug}/atom.xml", (string slug, HttpContext http, BlogQueries q, CancellationToken ct) => FeedAsync(slug, http, q, atom: true, ct))
            .AllowAnonymous().ExcludeFromDescription();
        // Signed in or not: what the person may read decides (BlogQueries.MayReadAsync), so public blogs show their photos to visitors.
        app.MapGet("/blogs/{slug}/fichiers/{id:guid}", ImageAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<IResult> FeedAsync(string slug, HttpContext http, BlogQueries queries, bool atom, CancellationToken ct)
    {
        var b = await queries.OpenAsync(slug, ct);
        if (b is null || !b.IsPublic)
        {
            return Results.NotFound();
        }
        // The feed is the same for everyone: what a visitor from outside would read.
        var outsider = b with { Rights = BlogRights.None };
        var (rows, _) = await queries.PublishedPageAsync(outsider, null, 1, ct);
        var items = rows.Take(FeedSize);
        var root = new Uri($"{http.Request.Scheme}://{http.Request.Host}");
        var blogUri = new Uri(root, b.Url);
        var feed = new SyndicationFeed(b.Blog.Title, b.Blog.Description ?? b.Space.Name, blogUri)
        {
            Id = blogUri.AbsoluteUri,
            LastUpdatedTime = rows.Count > 0 ? new DateTimeOffset(DateTime.SpecifyKind(rows.Max(r => r.UpdatedAt), DateTimeKind.Utc)) : new DateTimeOffset(DateTime.SpecifyKind(b.Blog.CreatedAt, DateTimeKind.Utc)),
            Language = "fr",
            Items = [.. items.Select(r =>
            {
                var link = new Uri(root, $"{b.Url}/{r.Slug}");
                var body = BlogHtml.ForBlogAddress(r.Body, b.Blog.Slug).Replace("src=\"/", $"src=\"{root.AbsoluteUri}", StringComparison.Ordinal);
                var item = new SyndicationItem(r.Title, SyndicationContent.CreateHtmlContent(body), link, link.AbsoluteUri,
                    new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc)))
                {
                    PublishDate = new DateTimeOffset(DateTime.SpecifyKind(r.PublishAt, DateTimeKind.Utc)),
                    Summary = new TextSyndicationContent(BlogHtml.Excerpt(r.Body)),
                };
                item.Authors.Add(new SyndicationPerson { Name = r.AuthorName });
                return item;
            })],
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(root, $"{b.Url}/{(atom ? "atom" : "rss")}.xml")));
        var output = new MemoryStream();
        await using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = true }))
        {
            if (atom)
            {
                new Atom10FeedFormatter(feed).WriteTo(writer);
            }
            else
            {
                new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false).WriteTo(writer);
            }
        }
        return Results.Bytes(output.ToArray(), atom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> ImageAsync(string slug, Guid id, HttpContext http, BlogQueries queries, PreauDbContext db, IFileService files, CancellationToken ct)
    {
        var b = await queries.OpenAsync(slug, ct);
        if (b is null)
        {
            return Results.NotFound();
        }
        if (await files.OpenAsync(id, ct) is not { } opened)
        {
            return Results.NotFound();
        }
        var article = await db.BlogArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == opened.Info.OwnerId && a.BlogId == b.Blog.Id, ct);
        var ownFile = (await files.ListAsync(BlogActions.FilePurpose, [opened.Info.OwnerId], ct))[opened.Info.OwnerId].Any(f => f.Id == id);
        if (article is null || !ownFile || !await queries.MayReadAsync(b, article, ct))
        {
            await opened.DisposeAsync();
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        var inline = opened.Info.IsImage && opened.Info.ContentType != "image/svg+xml";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(opened.Info.Name);
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = b.IsPublic && article.Status == ArticleStatus.Published ? "public, max-age=300" : "private, no-cache";
        headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; sandbox";
        if (!b.IsPublic)
        {
            headers["X-Robots-Tag"] = "noindex";
        }
        return Results.Stream(opened.Content, opened.Info.ContentType, enableRangeProcessing: true);
    }
}

/// <summary>Who reads an article's files at /fichiers/{id}: exactly who may read the article.</summary>
internal sealed class ArticleFileAccess(PreauDbContext db, BlogQueries queries) : IFileAccessPolicy
{
    public string Purpose => BlogActions.FilePurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default)
    {
        var article = await db.BlogArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == ownerId, ct);
        if (article is null)
        {
            return false;
        }
        var slug = await db.Blogs.Where(x => x.Id == article.BlogId).Select(x => x.Slug).FirstAsync(ct);
        var b = await queries.OpenAsync(slug, ct);
        return b is not null && await queries.MayReadAsync(b, article, ct);
    }

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.BlogArticles.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
    }
}
