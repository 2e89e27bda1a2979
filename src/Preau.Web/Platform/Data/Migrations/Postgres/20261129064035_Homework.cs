using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Homework : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "homework_subjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    IsHidden = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_homework_subjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "homework_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClassId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Session = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Work = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    HandIn = table.Column<bool>(type: "boolean", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reopened = table.Column<bool>(type: "boolean", nullable: false),
                    ToWholeClass = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_homework_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_homework_entries_homework_subjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "homework_subjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "homework_entry_pupils",
                columns: table => new
                {
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_homework_entry_pupils", x => new { x.EntryId, x.PupilId });
                    table.ForeignKey(
                        name: "FK_homework_entry_pupils_homework_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "homework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "homework_submissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    PupilId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CommentedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_homework_submissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_homework_submissions_homework_entries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "homework_entries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_homework_entries_ClassId_Day",
                table: "homework_entries",
                columns: new[] { "ClassId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_homework_entries_ClassId_DueOn",
                table: "homework_entries",
                columns: new[] { "ClassId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_homework_entries_SubjectId",
                table: "homework_entries",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_homework_subjects_ClassId",
                table: "homework_subjects",
                column: "ClassId");

            migrationBuilder.CreateIndex(
                name: "IX_homework_submissions_EntryId_PupilId",
                table: "homework_submissions",
                columns: new[] { "EntryId", "PupilId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "homework_entry_pupils");

            migrationBuilder.DropTable(
                name: "homework_submissions");

            migrationBuilder.DropTable(
                name: "homework_entries");

            migrationBuilder.DropTable(
                name: "homework_subjects");
        }
    }
}
