using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.LiaisonBook;

/// <summary>The liaison book: the notes the person wrote, the ones they signed (and their answers), their replies.</summary>
internal sealed class LiaisonPersonalData(PreauDbContext db) : IPersonalDataSection
{
    public string Name => "LiaisonBook";

    public async Task<object> ReadAsync(Guid personId, CancellationToken ct)
    {
        var written = await db.LiaisonNotes.AsNoTracking().Where(n => n.AuthorId == personId).OrderByDescending(n => n.CreatedAt)
            .Select(n => new { n.CreatedAt, n.Title, n.Body, n.Question, n.Choices }).ToListAsync(ct);
        var signed = await (from s in db.LiaisonAcknowledgements.AsNoTracking()
                            where s.GuardianId == personId
                            join n in db.LiaisonNotes.AsNoTracking() on s.NoteId equals n.Id
                            join p in db.Persons.AsNoTracking() on s.PupilId equals p.Id
                            orderby s.SignedAt descending
                            select new { s.SignedAt, Note = n.Title, NoteWrittenAt = n.CreatedAt, Child = p.FirstName + " " + p.LastName, s.Answer })
            .ToListAsync(ct);
        var replies = await (from r in db.LiaisonReplies.AsNoTracking()
                             where r.AuthorId == personId
                             join n in db.LiaisonNotes.AsNoTracking() on r.NoteId equals n.Id
                             orderby r.At descending
                             select new { r.At, Note = n.Title, r.Text }).ToListAsync(ct);
        return new { NotesWritten = written, Signatures = signed, Replies = replies };
    }
}
