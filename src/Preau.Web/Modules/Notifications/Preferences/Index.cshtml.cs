using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Notifications.Preferences;

/// <summary>An adult chooses when Préau e-mails them: at each notification, a daily digest, or never. Pupils get no e-mail at all.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(PreauDbContext db, AccessContext context, TimeProvider time, NotificationOptions options) : PageModel
{
    [BindProperty]
    public EmailMode Mode { get; set; } = EmailMode.EachNotification;

    public bool IsPupil { get; private set; }
    public bool HasEmail { get; private set; }
    public int DigestHour => options.DigestHour;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var personId = context.PersonId!.Value;
        Mode = NotificationMail.Effective(await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.PersonId == personId).Select(p => (EmailMode?)p.Mode).FirstOrDefaultAsync(ct));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (IsPupil)
        {
            return NotFound();
        }
        if (!Enum.IsDefined(Mode))
        {
            ModelState.AddModelError(nameof(Mode), "Choisissez une des trois possibilités.");
            return Page();
        }
        var personId = context.PersonId!.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.NotificationPreferences.FirstOrDefaultAsync(p => p.PersonId == personId, ct);
        if (existing is null)
        {
            db.NotificationPreferences.Add(new EmailPreference { PersonId = personId, Mode = Mode, UpdatedAt = now });
        }
        else
        {
            existing.Mode = Mode;
            existing.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
        Notice = "Votre choix est enregistré.";
        return Redirect("/compte/notifications");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var personId = context.PersonId!.Value;
        var user = await db.Users.AsNoTracking().Where(u => u.Id == personId).Select(u => new { u.IsPupil, u.Email }).FirstOrDefaultAsync(ct);
        IsPupil = user?.IsPupil ?? false;
        HasEmail = !string.IsNullOrEmpty(user?.Email);
    }
}
