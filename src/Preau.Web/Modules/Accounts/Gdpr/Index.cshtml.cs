using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Gdpr;

/// <summary>
/// /admin/rgpd: the register of GDPR requests, the open ones first with their due date (a month after receipt), and
/// the form to record one for a person, reached from that person's sheet.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db, AccessContext context, AuditTrail audit, TimeProvider time) : PageModel
{
    public const int PageSize = 20;

    public sealed record Row(Guid Id, Guid PersonId, string PersonName, GdprRequestKind Kind, string Requester, DateOnly ReceivedOn, bool Closed)
    {
        public DateOnly DueOn => ReceivedOn.AddMonths(1);
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Territory.Pager Pager { get; private set; } = null!;
    public int OpenCount { get; private set; }
    public DateOnly Today { get; private set; }
    /// <summary>The person a new request is recorded for (<c>?personne=</c>).</summary>
    public (Guid Id, string Name)? For { get; private set; }

    [BindProperty]
    public GdprInput Input { get; set; } = new();

    public sealed class GdprInput
    {
        [Required(ErrorMessage = "Choisissez ce qui est demandé.")]
        public GdprRequestKind? Kind { get; set; }

        [Required(ErrorMessage = "Indiquez qui demande et comment (par exemple : « sa mère, par courrier »).")]
        [StringLength(200, ErrorMessage = "200 caractères au plus.")]
        public string Requester { get; set; } = "";

        [Required(ErrorMessage = "Indiquez la date de réception.")]
        public DateOnly? ReceivedOn { get; set; }

        [StringLength(2000, ErrorMessage = "2 000 caractères au plus.")]
        public string? Notes { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? personne, int p = 1, CancellationToken ct = default)
    {
        if (personne is { } id && !await LoadPersonAsync(id, ct))
        {
            return NotFound();
        }
        Input.ReceivedOn = Platform.Time.ParisDate.Today(time);
        await LoadAsync(p, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personne, CancellationToken ct)
    {
        if (!await LoadPersonAsync(personne, ct))
        {
            return NotFound();
        }
        var today = Platform.Time.ParisDate.Today(time);
        if (Input.ReceivedOn > today)
        {
            ModelState.AddModelError("Input.ReceivedOn", "La date de réception ne peut pas être dans le futur.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(1, ct);
            return Page();
        }
        var me = (await context.GetAsync(ct)).PersonId;
        var request = new GdprRequest
        {
            PersonId = personne, Kind = Input.Kind!.Value, Requester = Input.Requester.Trim(), ReceivedOn = Input.ReceivedOn!.Value,
            Notes = string.IsNullOrWhiteSpace(Input.Notes) ? null : Input.Notes.Trim(), CreatedBy = me, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.GdprRequests.Add(request);
        audit.Add(me, "gdpr.request.recorded", "Person", personne, request.Kind.ToString());
        await db.SaveChangesAsync(ct);
        return Redirect($"/admin/rgpd/{request.Id}");
    }

    private async Task<bool> LoadPersonAsync(Guid id, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Id, Name = x.FirstName + " " + x.LastName }).FirstOrDefaultAsync(ct);
        For = person is null ? null : (person.Id, person.Name);
        return person is not null;
    }

    private async Task LoadAsync(int page, CancellationToken ct)
    {
        Today = Platform.Time.ParisDate.Today(time);
        var total = await db.GdprRequests.CountAsync(ct);
        OpenCount = await db.GdprRequests.CountAsync(r => r.ClosedAt == null, ct);
        var p = Territory.Pager.Clamp(page, total, PageSize);
        // Open requests first, the oldest (the most urgent) first; then the closed ones, the latest closed first.
        var rows = await db.GdprRequests.AsNoTracking()
            .OrderBy(r => r.ClosedAt != null).ThenByDescending(r => r.ClosedAt).ThenBy(r => r.ReceivedOn).ThenBy(r => r.Id)
            .Skip((p - 1) * PageSize).Take(PageSize)
            .Join(db.Persons, r => r.PersonId, x => x.Id, (r, x) => new { r, Name = x.FirstName + " " + x.LastName })
            .ToListAsync(ct);
        // The join keeps the page's order on both databases only if it is applied again after it.
        Rows = [.. rows.OrderBy(x => x.r.ClosedAt != null).ThenByDescending(x => x.r.ClosedAt).ThenBy(x => x.r.ReceivedOn).ThenBy(x => x.r.Id)
            .Select(x => new Row(x.r.Id, x.r.PersonId, x.Name, x.r.Kind, x.r.Requester, x.r.ReceivedOn, x.r.ClosedAt != null))];
        Pager = new Territory.Pager(p, Math.Max(1, (total + PageSize - 1) / PageSize), n => Territory.Pager.Link("/admin/rgpd", n));
    }
}
