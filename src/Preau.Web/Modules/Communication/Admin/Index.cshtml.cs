using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Communication.Contracts;
using Preau.Web.Modules.Communication.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Communication.Admin;

/// <summary>
/// The départemental administrator's page: the matrix (one form per sender profile, one profile shown at a time: all
/// nine made the page weigh over 400 KB), the pupils' curfew and the crisis switches. A matrix form only changes the
/// cells it lists, so two forms never overwrite each other.
/// </summary>
[Authorize(Policy = Policies.TerritoryAdmin)]
public sealed class IndexModel(PreauDbContext db, CommunicationRules rules, AccessContext context, AuditTrail audit, TimeProvider time, Preau.Web.Platform.Scale.ISharedCache cache) : PageModel
{
    public sealed record Cell(string Key, Role From, Role To, Relation Relation, bool Allowed, bool IsDefault);

    public sealed class CrisisInput
    {
        public CrisisScope Scope { get; set; }
        public Guid? SchoolId { get; set; }
        public Role? Profile { get; set; }

        [Required(ErrorMessage = "Le texte du bandeau est obligatoire.")]
        [StringLength(1000, ErrorMessage = "Le texte du bandeau est trop long.")]
        public string? Message { get; set; }

        /// <summary>Optional end, in Paris time as typed in the form; empty means "until ended by hand".</summary>
        public DateTime? EndsAtLocal { get; set; }
    }

    public IReadOnlyDictionary<(Role, Role, Relation), Cell> Cells { get; private set; } = new Dictionary<(Role, Role, Relation), Cell>();
    public CurfewSetting Curfew { get; private set; } = new();
    public IReadOnlyList<CrisisSwitch> Crises { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Schools { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> SchoolNames { get; private set; } = new Dictionary<Guid, string>();

    [BindProperty]
    public CrisisInput Crisis { get; set; } = new();

    /// <summary>The sender profile whose part of the matrix is shown (<c>?de=</c>); none: the list of profiles only.</summary>
    [BindProperty(SupportsGet = true, Name = "de")]
    public Role? From { get; set; }

    /// <summary>How many cells of each sender profile differ from the primary schools' defaults.</summary>
    public int Changed(Role from) => Cells.Values.Count(c => c.From == from && !c.IsDefault);

    [TempData]
    public string? Saved { get; set; }

    public static string Key(Role from, Role to, Relation relation) => $"{from}:{to}:{relation}";

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostMatrixAsync(string[] cells, string[] allowed)
    {
        var existing = await db.CommunicationRules.ToListAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var changed = 0;
        foreach (var key in cells.Distinct())
        {
            var parts = key.Split(':');
            if (parts.Length != 3 || !Enum.TryParse<Role>(parts[0], out var from) || !Enum.TryParse<Role>(parts[1], out var to)
                || !Enum.TryParse<Relation>(parts[2], out var relation))
            {
                return BadRequest();
            }
            var on = allowed.Contains(key);
            var row = existing.FirstOrDefault(r => r.SenderProfile == from && r.RecipientProfile == to && r.Relation == relation);
            var current = row?.Allowed ?? DefaultMatrix.IsAllowed(from, to, relation);
            if (current == on)
            {
                continue;
            }
            changed++;
            if (on == DefaultMatrix.IsAllowed(from, to, relation))
            {
                // Back to the default: no override kept.
                db.CommunicationRules.Remove(row!);
                continue;
            }
            if (row is null)
            {
                db.CommunicationRules.Add(new CommunicationRule { SenderProfile = from, RecipientProfile = to, Relation = relation, Allowed = on, UpdatedAt = now, UpdatedBy = context.PersonId });
            }
            else
            {
                row.Allowed = on;
                row.UpdatedAt = now;
                row.UpdatedBy = context.PersonId;
            }
        }
        if (changed > 0)
        {
            audit.Add(context.PersonId, "communication.matrix", details: $"{changed} case(s) modifiée(s)");
            await db.SaveChangesAsync();
        }
        Saved = "Les règles de communication ont été enregistrées.";
        // Back to the profile whose form was sent.
        var sent = cells.Select(k => k.Split(':')[0]).FirstOrDefault();
        return RedirectToPage(null, null, new { de = sent }, "matrice");
    }

    public async Task<IActionResult> OnPostCurfewAsync(bool enabled, TimeOnly startsAt, TimeOnly endsAt)
    {
        var curfew = await db.CurfewSettings.FirstOrDefaultAsync();
        if (curfew is null)
        {
            curfew = new CurfewSetting();
            db.CurfewSettings.Add(curfew);
        }
        curfew.Enabled = enabled;
        curfew.StartsAt = startsAt;
        curfew.EndsAt = endsAt;
        audit.Add(context.PersonId, "communication.curfew", details: $"{enabled} {startsAt:HH\\:mm}-{endsAt:HH\\:mm}");
        await db.SaveChangesAsync();
        Saved = "Les horaires de fermeture de nuit ont été enregistrés.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCrisisAsync()
    {
        if (Crisis.Scope == CrisisScope.School && (Crisis.SchoolId is null || !await db.Schools.AnyAsync(s => s.Id == Crisis.SchoolId)))
        {
            ModelState.AddModelError("Crisis.SchoolId", "Choisissez l'école concernée.");
        }
        if (Crisis.Scope == CrisisScope.Profile && (Crisis.Profile is null || !Enum.IsDefined(Crisis.Profile.Value)))
        {
            ModelState.AddModelError("Crisis.Profile", "Choisissez le profil concerné.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? endsAt = Crisis.EndsAtLocal is { } local
            ? Platform.Time.ParisDate.ToUtc(local)
            : null;
        if (endsAt is not null && endsAt <= now)
        {
            ModelState.AddModelError("Crisis.EndsAtLocal", "La fin de la suspension doit être dans le futur.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var crisis = new CrisisSwitch
        {
            Scope = Crisis.Scope,
            SchoolId = Crisis.Scope == CrisisScope.School ? Crisis.SchoolId : null,
            Profile = Crisis.Scope == CrisisScope.Profile ? Crisis.Profile : null,
            Message = Crisis.Message!.Trim(),
            StartsAt = now,
            EndsAt = endsAt,
            CreatedAt = now,
            SetBy = context.PersonId ?? Guid.Empty,
        };
        db.CrisisSwitches.Add(crisis);
        audit.Add(context.PersonId, "communication.crisis.start", "crisis", crisis.Id, crisis.Message);
        await db.SaveChangesAsync();
        Preau.Web.Modules.Communication.Crisis.CrisisBanner.Changed(cache);
        Saved = "La messagerie est suspendue pour le périmètre choisi.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndCrisisAsync(Guid crisisId)
    {
        var crisis = await db.CrisisSwitches.FirstOrDefaultAsync(c => c.Id == crisisId);
        if (crisis is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (crisis.EndsAt is null || crisis.EndsAt > now)
        {
            crisis.EndsAt = now;
            audit.Add(context.PersonId, "communication.crisis.end", "crisis", crisis.Id);
            await db.SaveChangesAsync();
            Preau.Web.Modules.Communication.Crisis.CrisisBanner.Changed(cache);
        }
        Saved = "La suspension a pris fin.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var cells = new Dictionary<(Role, Role, Relation), Cell>();
        foreach (var from in DefaultMatrix.Profiles)
        {
            foreach (var to in DefaultMatrix.Profiles)
            {
                foreach (var r in DefaultMatrix.Relations)
                {
                    var on = await rules.IsAllowedAsync(from, to, r);
                    cells[(from, to, r)] = new Cell(Key(from, to, r), from, to, r, on, on == DefaultMatrix.IsAllowed(from, to, r));
                }
            }
        }
        Cells = cells;
        Curfew = await rules.GetCurfewAsync();
        Crises = await rules.ActiveCrisesAsync();
        Schools = (await db.Schools.AsNoTracking().Where(s => !s.IsArchived).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync())
            .Select(s => (s.Id, s.Name)).ToList();
        var crisisSchools = Crises.Where(c => c.SchoolId != null).Select(c => c.SchoolId!.Value).ToList();
        SchoolNames = await db.Schools.AsNoTracking().Where(s => crisisSchools.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
    }
}
