using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Subscriptions.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Subscriptions.Admin;

/// <summary>
/// The territory administrator's subscriptions: the overview of this year and next (paged by collectivité, totals over
/// all), its CSV, recording a yearly subscription or a trial, renewal in one action, and the read-only setting.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(SubscriptionOverview overview, SubscriptionActions actions, PreauDbContext db, AccessContext access, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public Overview Overview { get; private set; } = null!;
    public IReadOnlyList<AuthorityRow> PageRows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public IReadOnlyList<Subscription> Subscriptions { get; private set; } = [];
    public IReadOnlyDictionary<Guid, int> ListedCounts { get; private set; } = new Dictionary<Guid, int>();
    public bool Enforced { get; private set; }
    public DateOnly Today { get; private set; }

    /// <summary>Part of a collectivité's name (or code): a département has far more than one page of them.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Error { get; set; }

    public sealed class CreateInput
    {
        public Guid AuthorityId { get; set; }
        public string? Year { get; set; }
        public SubscriptionKind Kind { get; set; }
        public DateOnly? TrialStartsOn { get; set; }
        public DateOnly? TrialEndsOn { get; set; }
        public bool AllSchools { get; set; }
        public List<Guid> SchoolIds { get; set; } = [];
        public string? Reference { get; set; }
    }

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default) => await LoadAsync(p, ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var o = await overview.BuildAsync(null, ct);
        return File(SubscriptionOverview.Csv(o), "text/csv; charset=utf-8", $"abonnements-{o.ThisYear}.csv");
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var error = await actions.CreateAsync(access.PersonId!.Value, new NewSubscription(Input.AuthorityId, Input.Year ?? "", Input.Kind,
            Input.TrialStartsOn, Input.TrialEndsOn, Input.AllSchools, Input.SchoolIds, Input.Reference), ct);
        if (error is not null)
        {
            ModelState.AddModelError("", error);
            Error = null;
            await LoadAsync(1, ct);
            return Page();
        }
        Notice = "L'abonnement est enregistré.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenewAsync(Guid? authorityId, CancellationToken ct)
    {
        var renewed = await actions.RenewAsync(access.PersonId!.Value, authorityId is { } id ? [id] : null, ct);
        if (renewed == 0)
        {
            Error = "Rien à renouveler : aucun abonnement de cette année sans abonnement pour l'année prochaine.";
        }
        else
        {
            Notice = "Abonnements renouvelés pour l'année prochaine.";
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid subscriptionId, CancellationToken ct)
    {
        if (!await actions.DeleteAsync(access.PersonId!.Value, subscriptionId, ct))
        {
            return NotFound();
        }
        Notice = "L'abonnement est supprimé (le contenu des écoles n'est pas touché).";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool enforce, CancellationToken ct)
    {
        await actions.SetEnforcementAsync(access.PersonId!.Value, enforce, ct);
        Notice = enforce ? "Les écoles non couvertes sont désormais en lecture seule." : "La lecture seule des écoles non couvertes est désactivée.";
        return RedirectToPage();
    }

    private async Task LoadAsync(int p, CancellationToken ct)
    {
        Today = Platform.Time.ParisDate.Today(time);
        Overview = await overview.BuildAsync(null, ct);
        var query = Query?.Trim();
        var rows = string.IsNullOrEmpty(query)
            ? Overview.Rows
            : [.. Overview.Rows.Where(r => r.Name.Contains(query, StringComparison.CurrentCultureIgnoreCase)
                || (r.Code?.Contains(query, StringComparison.OrdinalIgnoreCase) ?? false))];
        var page = Pager.Clamp(p, rows.Count, PageSize);
        PageRows = [.. rows.Skip((page - 1) * PageSize).Take(PageSize)];
        Pager = new Pager(page, Math.Max(1, (rows.Count + PageSize - 1) / PageSize), n => Pager.Link("/admin/abonnements", n, ("q", query)));
        var years = new[] { Overview.ThisYear, Overview.NextYear };
        var pageIds = PageRows.Select(r => r.Id).ToList();
        Subscriptions = await db.Subscriptions.AsNoTracking().Where(s => years.Contains(s.YearLabel) && pageIds.Contains(s.LocalAuthorityId))
            .OrderBy(s => s.YearLabel).ThenBy(s => s.StartsOn).ToListAsync(ct);
        var ids = Subscriptions.Select(s => s.Id).ToList();
        ListedCounts = await db.SubscriptionSchools.AsNoTracking().Where(l => ids.Contains(l.SubscriptionId))
            .GroupBy(l => l.SubscriptionId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        Enforced = await db.SubscriptionSettings.AsNoTracking().AnyAsync(s => s.Id == 1 && s.EnforceReadOnly, ct);
        Input.Year ??= Overview.ThisYear;
    }
}
