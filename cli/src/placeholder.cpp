// Placeholder so the library has a source until its real files land; delete when it does.
namespace v2gbench { [[maybe_unused]] static int placeholder_cli_ = 0; }
