using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Home.Contracts;
using Preau.Web.Modules.LiaisonBook.Attachments;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook.Notes;

/// <summary>
/// The cahier de liaison of a class, newest first. Staff see each note with its count of signatures; a guardian
/// sees only the notes addressed to their children, each with its « Vu et signé » button. Pupils do not see it.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ClassModel(PreauDbContext db, ScopeAccess scopes, AccessContext context, LiaisonQueries queries, LiaisonActions actions, NoteAttachments attachments, IServiceSwitches switches) : PageModel
{
    private const int PageSize = 10;

    public sealed record NoteRow(Note Note, int Signed, int Total, IReadOnlyList<LiaisonPupil> Children);

    public string ClassName { get; private set; } = "";
    public bool IsStaff { get; private set; }
    public bool CanWrite { get; private set; }
    public Paged<NoteRow> Notes { get; private set; } = new([], 1, PageSize, 0);
    /// <summary>A family's notes, children and signatures (staff see counts only).</summary>
    public LiaisonBoard? Board { get; private set; }
    public Guid PersonId { get; private set; }
    /// <summary>Space used by the class's attachments, for staff.</summary>
    public QuotaUsage? Usage { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int p = 1, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        PersonId = a.PersonId;
        // The classes a teacher, a director or a family reaches come with the (cached) access; an administrator's do not.
        var cls = a.Classes.TryGetValue(id, out var reached) ? new { reached.Name, reached.SchoolId }
            : await db.Classes.AsNoTracking().Where(c => c.Id == id).Select(c => new { c.Name, c.SchoolId }).FirstOrDefaultAsync(ct);
        if (cls is null)
        {
            return NotFound();
        }
        if (!await switches.IsOnAsync(ServiceKeys.Liaison, ScopeType.Class, id, ct))
        {
            return NotFound();
        }
        ClassName = cls.Name;
        IsStaff = a.IsTerritoryAdmin || a.TeachesClass(id) || a.IsDirectorOf(cls.SchoolId);
        var isFamily = a.ChildClassIds.Contains(id);
        if (!IsStaff && !isFamily)
        {
            return NotFound();
        }
        CanWrite = IsStaff && await scopes.CanManageClassAsync(id, ct);
        p = Math.Max(1, p);
        if (IsStaff)
        {
            var total = await NotesCount(db, id, ct);
            var notes = await NotesPage(db, id, (p - 1) * PageSize).ToListAsync(ct);
            // Staff see counts only: counted by the database, no family's signature crosses the network.
            var counts = await queries.SignatureCountsAsync(id, [.. notes.Select(n => n.Id)], ct);
            Notes = new Paged<NoteRow>([.. notes.Select(n => { var (s, t) = counts.GetValueOrDefault(n.Id); return new NoteRow(n, s, t, []); })], p, PageSize, total);
            Usage = await attachments.ClassUsageAsync(id, ct);
        }
        else
        {
            // Only the notes addressed to the person's own children in this class.
            var page = await queries.FamilyPageAsync(id, LiaisonPupil.OfFamily(a, [id]), p, PageSize, ct);
            Board = page.Board;
            Notes = new Paged<NoteRow>([.. page.NoteIds.Select(n => new NoteRow(Board.Notes[n], 0, 0, [.. Board.Addressed(n)]))], p, PageSize, page.Total);
        }
        return Page();
    }

    // Compiled once: every teacher opens this page in the evening (building the expression trees each time cost more
    // processor than the queries).
    private static readonly Func<PreauDbContext, Guid, CancellationToken, Task<int>> NotesCount = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid classId, CancellationToken ct) => db.LiaisonNoteClasses.Where(nc => nc.ClassId == classId)
            .Join(db.LiaisonNotes, nc => nc.NoteId, n => n.Id, (nc, n) => n).Count());

    private static readonly Func<PreauDbContext, Guid, int, IAsyncEnumerable<Note>> NotesPage = EF.CompileAsyncQuery(
        (PreauDbContext db, Guid classId, int skip) => db.LiaisonNoteClasses.AsNoTracking().Where(nc => nc.ClassId == classId)
            .Join(db.LiaisonNotes.AsNoTracking(), nc => nc.NoteId, n => n.Id, (nc, n) => n)
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip(skip).Take(PageSize));

    /// <summary>« Vu et signé »: works without JavaScript, back to the same page.</summary>
    public async Task<IActionResult> OnPostSignAsync(Guid id, Guid noteId, Guid pupilId, string? answer, int p = 1, CancellationToken ct = default)
    {
        var outcome = await actions.SignAsync(noteId, pupilId, answer, ct);
        if (outcome is null)
        {
            return NotFound();
        }
        Notice = outcome switch
        {
            SignOutcome.Signed => "Merci, votre signature est enregistrée.",
            SignOutcome.AnswerMissing => "Choisissez une réponse à la question avant de signer.",
            _ => "Ce mot est déjà signé.",
        };
        return Redirect($"/classe/{id}/liaison{(p > 1 ? $"?p={p}" : "")}#note-{noteId}");
    }
}
