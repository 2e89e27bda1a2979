using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.AccountImport.Letters;

/// <summary>What the class, school and person letter pages share: the selection shown, and the PDF answer.</summary>
public abstract class LettersPageModel(IConfiguration configuration) : PageModel
{
    /// <summary>"Inclure les comptes déjà utilisés": reprint everyone, not only accounts never used.</summary>
    [BindProperty(SupportsGet = true)]
    public bool IncludeUsed { get; set; }

    public LetterSelection? Selection { get; protected set; }
    public string? Message { get; protected set; }

    /// <summary>The letters service of this request (built here rather than registered, to keep the module self-contained).</summary>
    protected LoginLetters Letters => _letters ??= HttpContext.RequestServices.GetRequiredService<LoginLetters>();

    private LoginLetters? _letters;

    protected string LoginUrl => LoginLetters.LoginUrl(configuration, $"{Request.Scheme}://{Request.Host}");

    /// <summary>The PDF as a download that no cache keeps.</summary>
    protected FileContentResult Pdf(byte[] pdf, string name)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{LoginLetters.FileName(name)}\"";
        return File(pdf, "application/pdf");
    }
}
