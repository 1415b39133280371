using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecordMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "ThankYouTexts",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Messages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Mode",
                table: "ThankYouTexts");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Messages");
        }
    }
}
