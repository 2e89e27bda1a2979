using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Preau.Web.Modules.Quizzes.Data;

public enum QuestionKind
{
    SingleChoice = 0,
    MultipleChoice = 1,
    TrueFalse = 2,
    ShortAnswer = 3,
}

/// <summary>When pupils read the explanations: right after handing in, or only once the quiz has closed (so answers do not travel).</summary>
public enum ExplanationTiming
{
    AfterAnswering = 0,
    AfterClosing = 1,
}

/// <summary>
/// A class's quiz. It is a draft while <see cref="OpensAt"/> is null; pupils answer between <see cref="OpensAt"/> and
/// <see cref="ClosesAt"/> (UTC; chosen in Europe/Paris). Shared quizzes can be copied by any teacher of the territory.
/// </summary>
public sealed class Quiz
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ClassId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Title { get; set; }
    public string? Instructions { get; set; }
    public DateTime? OpensAt { get; set; }
    public DateTime? ClosesAt { get; set; }
    public bool AllowRetries { get; set; }
    public ExplanationTiming Explanations { get; set; }
    /// <summary>False when the quiz is for chosen pupils only (<see cref="QuizPupil"/>).</summary>
    public bool ToWholeClass { get; set; } = true;
    public bool SharedInTerritory { get; set; }
    /// <summary>Score (percent) from which a pupil is proposed for validation of the linked skill items.</summary>
    public int SkillThresholdPercent { get; set; } = 80;
    public DateTime CreatedAt { get; set; }
}

public sealed class Question
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuizId { get; set; }
    public int Position { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    public string? Explanation { get; set; }
    /// <summary>Short answer: the accepted answers, one per line (compared trimmed, case- and accent-insensitively).</summary>
    public string? AcceptedAnswers { get; set; }
    /// <summary>An optional picture, held by the files service (purpose quiz.image).</summary>
    public Guid? ImageFileId { get; set; }
}

public sealed class Choice
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuestionId { get; set; }
    public int Position { get; set; }
    public required string Text { get; set; }
    public bool IsCorrect { get; set; }
}

public sealed class QuizPupil
{
    public Guid QuizId { get; set; }
    public Guid PupilId { get; set; }
}

/// <summary>A pupil's handed-in attempt; with retries allowed, the latest one counts.</summary>
public sealed class Attempt
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid QuizId { get; set; }
    public Guid PupilId { get; set; }
    public DateTime SubmittedAt { get; set; }
    public int Score { get; set; }
    public int Total { get; set; }
}

/// <summary>One answer: the chosen choices (comma-separated ids) or the typed text, scored when handed in.</summary>
public sealed class Answer
{
    public Guid AttemptId { get; set; }
    public Guid QuestionId { get; set; }
    public string? ChoiceIds { get; set; }
    public string? Text { get; set; }
    public bool IsCorrect { get; set; }
}

/// <summary>A skill item (Skills module) that success at the quiz may validate.</summary>
public sealed class QuizSkillItem
{
    public Guid QuizId { get; set; }
    public Guid ItemId { get; set; }
}

internal sealed class QuizConfigurations :
    IEntityTypeConfiguration<Quiz>, IEntityTypeConfiguration<Question>, IEntityTypeConfiguration<Choice>, IEntityTypeConfiguration<QuizPupil>,
    IEntityTypeConfiguration<Attempt>, IEntityTypeConfiguration<Answer>, IEntityTypeConfiguration<QuizSkillItem>
{
    public void Configure(EntityTypeBuilder<Quiz> b)
    {
        b.ToTable("quiz_quizzes");
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Instructions).HasMaxLength(2000);
        b.HasIndex(x => x.ClassId);
        b.HasIndex(x => x.SharedInTerritory);
    }

    public void Configure(EntityTypeBuilder<Question> b)
    {
        b.ToTable("quiz_questions");
        b.Property(x => x.Text).HasMaxLength(1000);
        b.Property(x => x.Explanation).HasMaxLength(2000);
        b.Property(x => x.AcceptedAnswers).HasMaxLength(2000);
        b.HasIndex(x => new { x.QuizId, x.Position });
        b.HasOne<Quiz>().WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Choice> b)
    {
        b.ToTable("quiz_choices");
        b.Property(x => x.Text).HasMaxLength(300);
        b.HasIndex(x => x.QuestionId);
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QuizPupil> b)
    {
        b.ToTable("quiz_pupils");
        b.HasKey(x => new { x.QuizId, x.PupilId });
        b.HasOne<Quiz>().WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Attempt> b)
    {
        b.ToTable("quiz_attempts");
        b.HasIndex(x => new { x.QuizId, x.PupilId });
        b.HasOne<Quiz>().WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Answer> b)
    {
        b.ToTable("quiz_answers");
        b.HasKey(x => new { x.AttemptId, x.QuestionId });
        b.Property(x => x.ChoiceIds).HasMaxLength(2000);
        b.Property(x => x.Text).HasMaxLength(300);
        b.HasOne<Attempt>().WithMany().HasForeignKey(x => x.AttemptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Question>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QuizSkillItem> b)
    {
        b.ToTable("quiz_skill_items");
        b.HasKey(x => new { x.QuizId, x.ItemId });
        b.HasOne<Quiz>().WithMany().HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
    }
}
