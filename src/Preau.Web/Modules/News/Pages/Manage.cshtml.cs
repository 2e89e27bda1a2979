using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.News.Pages;

/// <summary>The news of every scope the person writes for, in every state, with their actions. Others get 403.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ManageModel(NewsQueries queries, NewsActions actions, TimeProvider time) : PageModel
{
    public IReadOnlyList<NewsScope> Scopes { get; private set; } = [];
    public NewsPage News { get; private set; } = new([], 1, 1, 0);
    public Territory.Pager Pager => new(News.Page, News.PageCount, p => Territory.Pager.Link("/actualites/gerer", p));
    private DateTime _now;

    public async Task<IActionResult> OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        Scopes = await queries.AuthorScopesAsync(ct);
        if (Scopes.Count == 0)
        {
            return Forbid();
        }
        _now = time.GetUtcNow().UtcDateTime;
        News = await queries.WritablePageAsync(p, ct);
        return Page();
    }

    public string Status(NewsView n) =>
        n.IsWithdrawn ? "Retirée"
        : n.PublishAt > _now ? "Programmée"
        : n.ExpiresAt <= _now ? "Expirée"
        : "En ligne";

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, item => actions.SetWithdrawnAsync(item, true, ct), "L'actualité est retirée.", ct);

    public Task<IActionResult> OnPostRepublishAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, item => actions.SetWithdrawnAsync(item, false, ct), "L'actualité est de nouveau en ligne.", ct);

    public Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) =>
        ActAsync(id, item => actions.DeleteAsync(item, ct), "L'actualité est supprimée.", ct);

    private async Task<IActionResult> ActAsync(Guid id, Func<Data.NewsItem, Task> action, string notice, CancellationToken ct)
    {
        var item = await actions.FindWritableAsync(id, ct);
        if (item is null)
        {
            return NotFound();
        }
        await action(item);
        TempData["Notice"] = notice;
        return Redirect("/actualites/gerer");
    }
}
