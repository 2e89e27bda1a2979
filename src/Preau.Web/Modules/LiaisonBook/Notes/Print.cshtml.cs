using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.LiaisonBook.Notes;

/// <summary>The printable list of a note's signatures, for the staff who follow the note's classes.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PrintModel(PreauDbContext db, LiaisonActions actions) : PageModel
{
    public OpenNote Open { get; private set; } = null!;
    public IReadOnlyDictionary<Guid, string> ClassNames { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid noteId, CancellationToken ct)
    {
        if (await actions.OpenAsync(noteId, ct) is not { IsStaff: true } open)
        {
            return NotFound();
        }
        Open = open;
        var classIds = open.StaffClasses.ToList();
        ClassNames = await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return Page();
    }
}
