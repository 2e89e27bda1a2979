using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Rollover.Admin;

/// <summary>
/// The administrator's passage for the whole territory: counts per school, then every school in turn (one
/// transaction each, so a failing school leaves the others passed, and the page names it).
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(SchoolRollover rollover, AccessContext context, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "vers")]
    public string? TargetLabel { get; set; }

    [TempData]
    public string? Saved { get; set; }

    [TempData]
    public string? Failures { get; set; }

    public string? Error { get; private set; }
    public SchoolRollover.Years? Years { get; private set; }
    public IReadOnlyList<SchoolPlan> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await ResolveAsync(ct) || Years is null)
        {
            return Page();
        }
        var results = await rollover.ApplyAllAsync(Years, (await context.GetAsync(ct)).PersonId, ct: ct);
        var failed = results.Where(r => r.Error is not null).ToList();
        Saved = l["Passage en {0} : {1} écoles passées, {2} déjà faites, {3} en échec ; {4} classes créées, {5} élèves passés, {6} élèves quittent l'école.",
            Years.TargetLabel, results.Count(r => r.Applied), results.Count(r => r.AlreadyApplied), failed.Count,
            results.Sum(r => r.ClassesCreated), results.Sum(r => r.PupilsMoved), results.Sum(r => r.PupilsLeaving)];
        Failures = failed.Count == 0 ? null
            : string.Join("\n", failed.Take(50).Select(f => l["{0} {1} : rien n'a été enregistré ({2}).", f.Uai, f.Name, f.Error ?? ""].Value));
        return Redirect($"/admin/passage?vers={Uri.EscapeDataString(Years.TargetLabel)}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (await ResolveAsync(ct) && Years is not null)
        {
            Plans = await rollover.PreviewAsync(Years, ct: ct);
        }
    }

    private async Task<bool> ResolveAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(TargetLabel))
        {
            var current = await rollover.CurrentYearAsync(ct);
            TargetLabel = current is null ? null : SchoolRollover.NextLabel(current);
        }
        try
        {
            Years = await rollover.ResolveAsync(TargetLabel, ct);
            return true;
        }
        catch (RolloverException ex)
        {
            Error = ex.Message;
            return false;
        }
    }
}
