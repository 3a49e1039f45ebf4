#include "task.hpp"

#include "ui_util.hpp"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/gauge.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <chrono>
#include <exception>
#include <future>
#include <thread>

namespace onebook::shell {

void TaskControl::progress(double fraction, const wxString& text) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_fraction = fraction;
    if (!text.empty()) m_text = text.Clone(); // deep copy: wxString is not shared across threads safely
}

void TaskControl::on_cancel(std::function<void()> hook) {
    std::lock_guard<std::mutex> lock(m_mutex);
    m_hook = std::move(hook);
}

void TaskControl::request_cancel() {
    m_cancel = true;
    std::function<void()> hook;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        hook = m_hook;
    }
    if (hook) hook();
}

void TaskControl::check() const {
    if (cancelled()) throw TaskCancelled{};
}

double TaskControl::fraction() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_fraction;
}

wxString TaskControl::text() const {
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_text.Clone();
}

namespace {

class TaskDialog : public wxDialog {
public:
    TaskDialog(wxWindow* parent, const wxString& title, TaskControl& control, std::future<void>& done)
        : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize, wxCAPTION), m_control(control), m_done(done),
          m_timer(this) {
        SetName("task_dialog");
        // A panel gives the dialog its themed background (the bare dialog showed what was beneath it).
        auto* panel = new wxPanel(this);
        auto* box = new wxBoxSizer(wxVERTICAL);
        m_label = new wxStaticText(panel, wxID_ANY, _("正在处理，请稍候…"), wxDefaultPosition, wxSize(420, -1),
                                   wxST_NO_AUTORESIZE | wxST_ELLIPSIZE_END);
        m_gauge = new wxGauge(panel, wxID_ANY, 1000, wxDefaultPosition, wxSize(420, -1));
        m_cancel = named(new wxButton(panel, wxID_CANCEL, _("取消")), "task_cancel");
        box->Add(m_label, 0, wxALL | wxEXPAND, 12);
        box->Add(m_gauge, 0, wxLEFT | wxRIGHT | wxEXPAND, 12);
        box->Add(m_cancel, 0, wxALL | wxALIGN_RIGHT, 12);
        panel->SetSizer(box);
        auto* outer = new wxBoxSizer(wxVERTICAL);
        outer->Add(panel, 1, wxEXPAND);
        SetSizerAndFit(outer);
        CentreOnParent();
        m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            m_control.request_cancel();
            m_cancel->Disable();
            m_label->SetLabel(_("正在取消，已完成的部分不会保留…"));
        });
        Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { m_control.request_cancel(); });
        Bind(wxEVT_TIMER, [this](wxTimerEvent&) { poll(); });
        m_timer.Start(50);
    }

private:
    void poll() {
        if (m_done.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
            m_timer.Stop();
            EndModal(wxID_OK);
            return;
        }
        double f = m_control.fraction();
        if (f < 0) m_gauge->Pulse();
        else m_gauge->SetValue(static_cast<int>(f * 1000));
        if (!m_control.cancelled()) {
            wxString t = m_control.text();
            if (!t.empty() && t != m_label->GetLabel()) m_label->SetLabel(t);
        }
    }

    TaskControl& m_control;
    std::future<void>& m_done;
    wxTimer m_timer;
    wxStaticText* m_label;
    wxGauge* m_gauge;
    wxButton* m_cancel;
};

} // namespace

bool run_task(wxWindow* parent, const wxString& title, const std::function<void(TaskControl&)>& work) {
    TaskControl control;
    std::packaged_task<void()> job([&] { work(control); });
    std::future<void> done = job.get_future();
    std::thread worker(std::move(job));
    if (done.wait_for(std::chrono::milliseconds(250)) != std::future_status::ready) {
        TaskDialog dlg(parent, title, control, done);
        dlg.ShowModal();
    }
    worker.join();
    try {
        done.get();
    } catch (const TaskCancelled&) { return false; } catch (...) {
        // An interrupted statement surfaces as an error from core: after a cancel it is the cancel.
        if (control.cancelled()) return false;
        throw;
    }
    return true; // finished despite a late cancel: its result stands, and the caller says so
}

} // namespace onebook::shell
