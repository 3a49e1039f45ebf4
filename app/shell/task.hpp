// Long work off the UI thread: a worker thread does it while a small modal dialog shows progress
// and offers "取消"; the window keeps painting. Core work is transactional, so a cancelled task
// leaves the archive as it was; file outputs are written by the task to a temporary name and
// only moved into place when it completed.
#pragma once

#include <wx/string.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>

class wxWindow;

namespace onebook::shell {

/// What the worker sees: report progress, ask whether the user cancelled.
class TaskControl {
public:
    /// fraction in [0,1], or < 0 for "busy, unknown"; text is shown under the bar (UI language).
    void progress(double fraction, const wxString& text = {});
    bool cancelled() const { return m_cancel.load(); }
    /// Throws TaskCancelled when the user asked to stop (call between steps).
    void check() const;

    /// Called (from the UI thread) when the user cancels: e.g. Database::interrupt() on the archive's
    /// connection, so a long statement stops and its transaction rolls back.
    void on_cancel(std::function<void()> hook);

    // Used by the dialog.
    void request_cancel();
    double fraction() const;
    wxString text() const;

private:
    std::atomic<bool> m_cancel{false};
    mutable std::mutex m_mutex;
    double m_fraction = -1;
    wxString m_text;
    std::function<void()> m_hook;
};

struct TaskCancelled {};

/// Runs `work(control)` on a worker thread. Returns true when it completed, false when the user
/// cancelled (the worker threw TaskCancelled); rethrows in
/// the UI thread whatever else the worker threw. Quick work (< 0.25 s) shows no dialog at all.
bool run_task(wxWindow* parent, const wxString& title, const std::function<void(TaskControl&)>& work);

} // namespace onebook::shell
