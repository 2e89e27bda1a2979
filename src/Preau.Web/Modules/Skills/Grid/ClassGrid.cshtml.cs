using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Skills.Grid;

/// <summary>
/// The class grid: pupils × the items of one domain, one native select per cell, one « Enregistrer » for the grid.
/// Only the class's teachers, its director (and administrators) see it; a pupil is sent to their own sheet, a
/// guardian to their child's; anybody else gets 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ClassGridModel(PreauDbContext db, AccessContext context, ScopeAccess scopes, SkillsQueries queries, SkillsActions actions, IServiceSwitches switches) : PageModel
{
    public const string CellPrefix = "cell.";

    public Guid ClassId { get; private set; }
    public string ClassName { get; private set; } = "";
    public bool CanEdit { get; private set; }
    internal IReadOnlyList<ReferentialView> Referentials { get; private set; } = [];
    internal ReferentialView Referential { get; private set; } = null!;
    internal DomainView? Domain { get; private set; }
    internal IReadOnlyList<SkillPupil> Pupils { get; private set; } = [];
    internal Dictionary<(Guid Pupil, Guid Item), Validation> Cells { get; private set; } = [];
    internal Dictionary<Guid, AttestationResult> Attestations { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    internal SkillState StateOf(Guid pupil, Guid item) => Cells.TryGetValue((pupil, item), out var v) ? v.State : SkillState.NotAssessed;

    public async Task<IActionResult> OnGetAsync(Guid id, string? r, string? d, CancellationToken ct)
    {
        var access = await AccessAsync(id, ct);
        if (access is not null)
        {
            return access;
        }
        if (!await LoadAsync(id, r, d, ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? r, string? d, CancellationToken ct)
    {
        var access = await AccessAsync(id, ct);
        if (access is not null || !CanEdit)
        {
            return NotFound();
        }
        if (!await LoadAsync(id, r, d, ct))
        {
            return NotFound();
        }
        var pupils = Pupils.Select(p => p.Id).ToHashSet();
        var items = Referential.Items.Select(i => i.Id).ToHashSet();
        var cells = new List<CellChange>();
        var rejected = 0;
        foreach (var (key, value) in Request.Form)
        {
            if (!key.StartsWith(CellPrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var parts = key[CellPrefix.Length..].Split('.');
            if (parts.Length != 2 || !Guid.TryParse(parts[0], out var pupil) || !Guid.TryParse(parts[1], out var item)
                || !int.TryParse(value.ToString(), out var state) || !Enum.IsDefined((SkillState)state)
                || !pupils.Contains(pupil) || !items.Contains(item))
            {
                rejected++;
                continue;
            }
            cells.Add(new CellChange(pupil, item, (SkillState)state));
        }
        var a = await context.GetAsync(ct);
        var changed = await actions.SaveAsync(cells, a.PersonId, ClassName, ct);
        Notice = rejected > 0
            ? "Certaines cases ne correspondaient à aucun élève ou item de la classe : elles ont été ignorées."
            : changed == 0 ? "Aucun changement à enregistrer." : "Les compétences sont enregistrées.";
        return Redirect(GridUrl(id, Referential.Referential.Code, Domain?.Domain.Code));
    }

    /// <summary>The whole referential (every domain) as a CSV for French Excel: UTF-8 with BOM, « ; » separator.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, string? r, CancellationToken ct)
    {
        var access = await AccessAsync(id, ct);
        if (access is not null || !await LoadAsync(id, r, null, ct))
        {
            return NotFound();
        }
        var items = Referential.Items.ToList();
        var sb = new StringBuilder();
        var header = new List<string> { "Élève" };
        header.AddRange(items.Select(i => $"{i.Code} {i.Label}"));
        if (Referential.HasAttestation)
        {
            header.Add("Attestation");
        }
        sb.Append(string.Join(';', header.Select(Csv))).Append("\r\n");
        foreach (var p in Pupils)
        {
            var row = new List<string> { p.LastName + " " + p.FirstName };
            row.AddRange(items.Select(i => SkillText.State(StateOf(p.Id, i.Id))));
            if (Referential.HasAttestation)
            {
                var att = Attestations[p.Id];
                row.Add(att.Attested ? "Attesté" : $"Non attesté ({att.Acquired}/{att.Total})");
            }
            sb.Append(string.Join(';', row.Select(Csv))).Append("\r\n");
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(sb.ToString())).ToArray();
        var name = $"competences-{Referential.Referential.Code}-{Slug(ClassName)}.csv";
        return File(bytes, "text/csv; charset=utf-8", name);
    }

    internal static string GridUrl(Guid classId, string? referential, string? domain)
    {
        var query = new List<string>();
        if (referential is not null)
        {
            query.Add("r=" + Uri.EscapeDataString(referential));
        }
        if (domain is not null)
        {
            query.Add("d=" + Uri.EscapeDataString(domain));
        }
        return $"/classe/{classId}/competences" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    /// <summary>Null when the person may use the grid; otherwise where to send them (their sheet) or 404.</summary>
    private async Task<IActionResult?> AccessAsync(Guid id, CancellationToken ct)
    {
        var cls = await db.Classes.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, c.SchoolId }).FirstOrDefaultAsync(ct);
        // Switched off, the class's grid is closed; each pupil's own sheet (their record, kept across classes) is not.
        if (cls is null || !await switches.IsOnAsync(ServiceKeys.Skills, ScopeType.Class, id, ct))
        {
            return NotFound();
        }
        ClassId = id;
        ClassName = cls.Name;
        var a = await context.GetAsync(ct);
        if (a.IsTerritoryAdmin || a.TeachesClass(id) || a.IsDirectorOf(cls.SchoolId))
        {
            CanEdit = await scopes.CanManageClassAsync(id, ct);
            return null;
        }
        if (a.PupilClassIds.Contains(id))
        {
            return Redirect("/moi/competences");
        }
        if (a.ChildClassIds.Contains(id))
        {
            var children = a.ChildIds.ToList();
            var child = await db.Memberships.AsNoTracking()
                .Where(m => children.Contains(m.PersonId) && m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == id)
                .Select(m => (Guid?)m.PersonId).FirstOrDefaultAsync(ct);
            if (child is { } c)
            {
                return Redirect($"/eleve/{c}/competences");
            }
        }
        return NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, string? r, string? d, CancellationToken ct)
    {
        Referentials = await queries.ReferentialsAsync(ct: ct);
        var referential = r is null ? Referentials.FirstOrDefault() : Referentials.FirstOrDefault(x => x.Referential.Code == r);
        if (referential is null)
        {
            return false;
        }
        Referential = referential;
        Domain = d is null ? referential.Domains.FirstOrDefault() : referential.Domains.FirstOrDefault(x => x.Domain.Code == d);
        if (Domain is null && d is not null)
        {
            return false;
        }
        var yearId = await db.Classes.Where(c => c.Id == id).Select(c => c.SchoolYearId).FirstAsync(ct);
        Pupils = await queries.PupilsOfClassAsync(id, await scopes.IsYearArchivedAsync(yearId, ct), ct);
        Cells = await queries.ValidationsAsync([.. Pupils.Select(p => p.Id)], [.. referential.Items.Select(i => i.Id)], ct);
        Attestations = Pupils.ToDictionary(p => p.Id, p => AttestationRule.Compute(referential, i => StateOf(p.Id, i) == SkillState.Acquired));
        return true;
    }

    /// <summary>A CSV cell: quoted when needed; a leading formula character is neutralised (CSV injection in Excel).</summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (ch is ' ' or '-' && sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }
        return sb.ToString().Trim('-');
    }
}
