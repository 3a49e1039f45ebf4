; OneBook 党建一本通: the Windows installer (NSIS 3, Unicode).
; makensis -INPUTCHARSET UTF8 -DVERSION=x.y.z -DSTAGE=<installed tree> -DICON=<onebook.ico> -DOUTFILE=<setup.exe>
; Per user without administrator rights by default (locked-down office PCs); per machine when run
; elevated (/CurrentUser: per user even then). /S installs and uninstalls silently. The uninstaller removes the program only: archives
; (*.onebook and their .files folders) are the user's and are never touched.
Unicode true
; A 64-bit installer (Debian's NSIS ships the amd64 stubs): OneBook is 64-bit only, and Wine tests it
; without 32-bit support.
Target amd64-unicode
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "x64.nsh"
!include "FileFunc.nsh"

!define APP "OneBook"
!define APP_ZH "党建一本通"
!define REGKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\OneBook"

Name "${APP_ZH} ${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\OneBook"
BrandingText "${APP} ${VERSION}"
!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\onebook.exe"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; Simplified Chinese first (the default), English available.
!insertmacro MUI_LANGUAGE "SimpChinese"
!insertmacro MUI_LANGUAGE "English"

LangString DESC_FILE ${LANG_SIMPCHINESE} "党建一本通档案"
LangString DESC_FILE ${LANG_ENGLISH} "OneBook archive"
LangString NEED_X64 ${LANG_SIMPCHINESE} "党建一本通需要 64 位 Windows。"
LangString NEED_X64 ${LANG_ENGLISH} "OneBook needs 64-bit Windows."

Var ShellCtx

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_ICONSTOP "$(NEED_X64)" /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  ; Elevated (an administrator, or IT's deployment tool): for every user of the machine.
  ; /CurrentUser: per user even for an administrator (and /AllUsers is what elevation means anyway).
  ${GetParameters} $1
  ClearErrors
  ${GetOptions} $1 "/CurrentUser" $2
  ${IfNot} ${Errors}
    StrCpy $0 "User"
  ${Else}
    UserInfo::GetAccountType
    Pop $0
  ${EndIf}
  ${If} $0 == "Admin"
    StrCpy $ShellCtx "all"
    SetShellVarContext all
    StrCpy $INSTDIR "$PROGRAMFILES64\OneBook"
  ${Else}
    StrCpy $ShellCtx "current"
    SetShellVarContext current
  ${EndIf}
  ; A per-user install without a language dialog in silent mode: Chinese unless told otherwise.
  IfSilent +2
    !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

Section "OneBook" SecMain
  SectionIn RO
  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*.*"
  File "/oname=onebook.ico" "${ICON}"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Shortcuts: Start menu and desktop.
  CreateDirectory "$SMPROGRAMS\${APP_ZH}"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\${APP_ZH}.lnk" "$INSTDIR\bin\onebook.exe" "" "$INSTDIR\onebook.ico"
  CreateShortcut "$SMPROGRAMS\${APP_ZH}\卸载 ${APP_ZH}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_ZH}.lnk" "$INSTDIR\bin\onebook.exe" "" "$INSTDIR\onebook.ico"

  ; .onebook opens in OneBook, with its icon (HKCU per user, HKLM per machine: SHCTX follows).
  WriteRegStr SHCTX "Software\Classes\.onebook" "" "OneBook.Archive"
  WriteRegStr SHCTX "Software\Classes\OneBook.Archive" "" "$(DESC_FILE)"
  WriteRegStr SHCTX "Software\Classes\OneBook.Archive\DefaultIcon" "" "$INSTDIR\onebook.ico"
  WriteRegStr SHCTX "Software\Classes\OneBook.Archive\shell\open\command" "" '"$INSTDIR\bin\onebook.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Programs and Features.
  WriteRegStr SHCTX "${REGKEY}" "DisplayName" "${APP_ZH} ${APP}"
  WriteRegStr SHCTX "${REGKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${REGKEY}" "Publisher" "OneBook"
  WriteRegStr SHCTX "${REGKEY}" "DisplayIcon" "$INSTDIR\onebook.ico"
  WriteRegStr SHCTX "${REGKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${REGKEY}" "InstallContext" "$ShellCtx"
  WriteRegStr SHCTX "${REGKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr SHCTX "${REGKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD SHCTX "${REGKEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${REGKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${REGKEY}" "EstimatedSize" $0
SectionEnd

Function un.onInit
  SetRegView 64
FunctionEnd

; The per-machine install registered this very folder under HKLM; otherwise it is the user's.
; (Decided in the section, where $INSTDIR is the uninstaller's folder; compared in 8.3 form.)
Function un.ChooseContext
  SetShellVarContext current
  ReadRegStr $0 HKLM "${REGKEY}" "InstallLocation"
  StrCmp $0 "" done
  GetFullPathName /SHORT $1 $0
  GetFullPathName /SHORT $2 $INSTDIR
  StrCmp $1 $2 0 done
  SetShellVarContext all
  done:
FunctionEnd

Section "Uninstall"
  Call un.ChooseContext
  ; Only what the installer put there: never a *.onebook or anything the user saved in $INSTDIR.
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\share"
  Delete "$INSTDIR\onebook.ico"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only when empty
  Delete "$SMPROGRAMS\${APP_ZH}\${APP_ZH}.lnk"
  Delete "$SMPROGRAMS\${APP_ZH}\卸载 ${APP_ZH}.lnk"
  RMDir "$SMPROGRAMS\${APP_ZH}"
  Delete "$DESKTOP\${APP_ZH}.lnk"
  ReadRegStr $0 SHCTX "Software\Classes\.onebook" ""
  ${If} $0 == "OneBook.Archive"
    DeleteRegKey SHCTX "Software\Classes\.onebook"
  ${EndIf}
  DeleteRegKey SHCTX "Software\Classes\OneBook.Archive"
  DeleteRegKey SHCTX "${REGKEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
