using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Quizzes;

/// <summary>
/// A question's picture, kept by the files service (purpose <see cref="ImagePurpose"/>, owner the question, counted
/// against the class's quota). Only images are kept: anything else is refused with a French message.
/// </summary>
public sealed class QuizFiles(IFileService files, AccessContext context)
{
    public const string ImagePurpose = "quiz.image";
    public const long MaxRequestBytes = 12L * 1024 * 1024;

    public async Task<(Guid? FileId, string? Error)> SaveImageAsync(IFormFile upload, Guid questionId, Guid classId, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        await using var stream = upload.OpenReadStream();
        var result = await files.SaveAsync(stream, upload.FileName, ImagePurpose, questionId, QuotaScope.Class(classId), a.PersonId, ct);
        if (result.File is null)
        {
            return (null, result.Error);
        }
        if (!result.File.IsImage)
        {
            await files.DeleteAsync(result.File.Id, ct);
            return (null, "Ce fichier n'est pas une image : choisissez une photo ou un dessin (JPEG, PNG, GIF).");
        }
        return (result.File.Id, null);
    }

    /// <summary>Copies a question's picture for the copy of the question (the copy may live longer than the original).</summary>
    public async Task<Guid?> CopyImageAsync(Guid fileId, Guid toQuestion, Guid toClass, CancellationToken ct = default)
    {
        var a = await context.GetAsync(ct);
        await using var opened = await files.OpenAsync(fileId, ct);
        if (opened is null)
        {
            return null;
        }
        var result = await files.SaveAsync(opened.Content, opened.Info.Name, ImagePurpose, toQuestion, QuotaScope.Class(toClass), a.PersonId, ct);
        return result.File?.Id;
    }

    public Task DeleteAsync(Guid fileId, CancellationToken ct = default) => files.DeleteAsync(fileId, ct);

    public static string Url(Guid fileId) => $"/fichiers/{fileId}";
}

/// <summary>A question's picture: read by whoever may open its quiz (the class's staff, the pupils it is for, their guardians).</summary>
internal sealed class QuestionImageAccess(QuizBook book, PreauDbContext db) : IFileAccessPolicy
{
    public string Purpose => QuizFiles.ImagePurpose;

    public async Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default)
    {
        var quizId = await db.QuizQuestions.AsNoTracking().Where(q => q.Id == ownerId).Select(q => (Guid?)q.QuizId).FirstOrDefaultAsync(ct);
        return quizId is { } id && await book.OpenAsync(id, ct) is not null;
    }

    public async Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default)
    {
        var ids = ownerIds.ToList();
        return (await db.QuizQuestions.AsNoTracking().Where(q => ids.Contains(q.Id)).Select(q => q.Id).ToListAsync(ct)).ToHashSet();
    }
}
