using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.Accounts.MyData;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Gdpr;

/// <summary>
/// One GDPR request: the person's data downloaded on their behalf (the same file as « Mes données »), an erasure carried
/// out at once (after a confirmation), and the answer that closes the request. Every step is audited.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class DetailsModel(PreauDbContext db, AccessContext context, AuditTrail audit, TimeProvider time) : PageModel
{
    public GdprRequest Current { get; private set; } = null!;
    public string PersonName { get; private set; } = "";
    public bool PersonErased { get; private set; }
    public DateOnly Today { get; private set; }
    public bool ConfirmErasure { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetExportAsync(Guid id, [FromServices] PersonalDataExport export, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || PersonErased)
        {
            return NotFound();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        return await export.WriteAsync(Current.PersonId, me, Response, $"donnees-personnelles-{Current.ReceivedOn:yyyy-MM-dd}.json", ct) ? new EmptyResult() : NotFound();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, string? answer, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Current.ClosedAt is not null)
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(answer) || answer.Length > 2000)
        {
            ModelState.AddModelError("answer", "Écrivez la réponse apportée (2 000 caractères au plus).");
            return Page();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        var row = await db.GdprRequests.FirstAsync(r => r.Id == id, ct);
        row.Answer = answer.Trim();
        row.ClosedAt = time.GetUtcNow().UtcDateTime;
        row.ClosedBy = me;
        audit.Add(me, "gdpr.request.closed", "Person", row.PersonId, row.Kind.ToString());
        await db.SaveChangesAsync(ct);
        Notice = "La demande est close.";
        return Redirect($"/admin/rgpd/{id}");
    }

    /// <summary>
    /// An erasure request: asks first; then the person is marked as left today with their deletion due today, and the
    /// purge runs now (the same as at the end of a grace period: each service's part, the account, the anonymised row).
    /// </summary>
    public async Task<IActionResult> OnPostEraseAsync(Guid id, bool confirm, [FromServices] IServiceScopeFactory scopes, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Current.Kind != GdprRequestKind.Erasure || Current.ClosedAt is not null || PersonErased)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ConfirmErasure = true;
            return Page();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        if (Current.PersonId == me)
        {
            ModelState.AddModelError("confirm", "Un administrateur ne peut pas effacer son propre compte ici.");
            return Page();
        }
        var today = Today;
        await db.Persons.Where(p => p.Id == Current.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeftOn, p => p.LeftOn ?? today).SetProperty(p => p.DeleteOn, today), ct);
        audit.Add(me, "gdpr.erasure", "Person", Current.PersonId);
        await db.SaveChangesAsync(ct);
        // The person's access is cached under the stamp: leaving is effective at their next request, purge or not.
        await AccessStamp.BumpAsync(db, ct);
        await PersonPurge.PurgeAsync(scopes, time, ct);
        Notice = "Les données de la personne sont effacées. Écrivez la réponse pour clore la demande.";
        return Redirect($"/admin/rgpd/{id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        Today = Platform.Time.ParisDate.Today(time);
        var row = await db.GdprRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null)
        {
            return false;
        }
        Current = row;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == row.PersonId)
            .Select(p => new { Name = p.FirstName + " " + p.LastName, p.IsArchived, HasAccount = db.Users.Any(u => u.Id == p.Id) }).FirstOrDefaultAsync(ct);
        PersonName = person?.Name ?? "";
        PersonErased = person is null || (person.IsArchived && !person.HasAccount && person.Name == PersonPurge.FormerFirstName + " " + PersonPurge.FormerLastName);
        return true;
    }
}
