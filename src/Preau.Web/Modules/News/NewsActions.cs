using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.News.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.News;

/// <summary>Writing, changing, withdrawing and deleting news, always within the scopes the person writes for.</summary>
public sealed class NewsActions(PreauDbContext db, AccessContext context, NewsQueries queries, NewsPublishedHooks hooks, AuditTrail audit, TimeProvider time)
{
    /// <summary>Checks the form against the person's scopes; adds French errors to <paramref name="state"/>.</summary>
    public NewsScope? Validate(NewsInput input, IReadOnlyList<NewsScope> scopes, ModelStateDictionary state)
    {
        var scope = scopes.FirstOrDefault(s => s.Key == input.Scope);
        if (scope is null)
        {
            state.AddModelError("Input.Scope", "Choisissez pour qui publier.");
        }
        if (input.ExpiresAt is { } end && end <= (input.PublishAt ?? Platform.Time.ParisDate.ToParis(time.GetUtcNow().UtcDateTime)))
        {
            state.AddModelError("Input.ExpiresAt", "La date de retrait doit suivre la date de publication.");
        }
        return scope;
    }

    public async Task<NewsItem> CreateAsync(NewsScope scope, NewsInput input, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var item = new NewsItem
        {
            ScopeType = scope.ScopeType,
            ScopeId = scope.ScopeId,
            AuthorId = a.PersonId,
            Title = input.Title.Trim(),
            Body = input.Body.Trim(),
            CreatedAt = now,
            UpdatedAt = now,
            AnnouncePending = true,
        };
        Apply(item, input, now);
        db.Add(item);
        audit.Add(a.PersonId, "news.created", "news", item.Id);
        await db.SaveChangesAsync(ct);
        await hooks.PublishedAsync(item, ct);
        return item;
    }

    /// <summary>The item, tracked, if the person writes for its scope; null otherwise (the page answers 404).</summary>
    public async Task<NewsItem?> FindWritableAsync(Guid id, CancellationToken ct)
    {
        var item = await db.Set<NewsItem>().FirstOrDefaultAsync(n => n.Id == id, ct);
        if (item is null)
        {
            return null;
        }
        var scopes = await queries.AuthorScopesAsync(ct);
        return scopes.Any(s => s.Covers(item)) ? item : null;
    }

    public async Task UpdateAsync(NewsItem item, NewsScope scope, NewsInput input, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        item.ScopeType = scope.ScopeType;
        item.ScopeId = scope.ScopeId;
        item.Title = input.Title.Trim();
        item.Body = input.Body.Trim();
        Apply(item, input, now);
        item.UpdatedAt = now;
        audit.Add(a.PersonId, "news.updated", "news", item.Id);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetWithdrawnAsync(NewsItem item, bool withdrawn, CancellationToken ct)
    {
        if (item.IsWithdrawn == withdrawn)
        {
            return;
        }
        var a = await context.GetAsync(ct);
        item.IsWithdrawn = withdrawn;
        item.UpdatedAt = time.GetUtcNow().UtcDateTime;
        audit.Add(a.PersonId, withdrawn ? "news.withdrawn" : "news.republished", "news", item.Id);
        await db.SaveChangesAsync(ct);
        if (!withdrawn)
        {
            await hooks.PublishedAsync(item, ct);
        }
    }

    public async Task DeleteAsync(NewsItem item, CancellationToken ct)
    {
        var a = await context.GetAsync(ct);
        db.Remove(item);
        audit.Add(a.PersonId, "news.deleted", "news", item.Id);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(NewsItem item, NewsInput input, DateTime now)
    {
        item.PublishAt = input.PublishAt is { } start ? Platform.Time.ParisDate.ToUtc(start) : now;
        item.ExpiresAt = input.ExpiresAt is { } end ? Platform.Time.ParisDate.ToUtc(end) : null;
        item.IsImportant = input.IsImportant;
    }
}
