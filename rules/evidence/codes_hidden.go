package evidence

import "github.com/realname-go/realname/rules"

// Codes of active PDF content beyond scripts, launches and attachments
// (codes.go), found however deep the PDF hides it: in an action chain, an
// annotation, a name tree, an object stream or an object nothing refers to.
// Parameter "reason" names what was found.
const (
	// CodePDFXFA: an XML form (/XFA in the AcroForm), which carries its own
	// scripts and layout. Reject: a scan has no form.
	CodePDFXFA = rules.Code("file.pdf_xfa")
	// CodePDFURI: a link that opens a web address when clicked. Review:
	// scanner apps stamp their own link on a page, so a person looks.
	CodePDFURI = rules.Code("file.pdf_uri")
	// CodePDFURIOnOpen: a web address opened without a click, from
	// /OpenAction or an /AA trigger: it tells the sender who opened the
	// file and when. Reject.
	CodePDFURIOnOpen = rules.Code("file.pdf_uri_on_open")
	// CodePDFSubmitForm: an action sending form data to a server. Reject.
	CodePDFSubmitForm = rules.Code("file.pdf_submit_form")
	// CodePDFImportData: an action importing form data from another file.
	// Reject.
	CodePDFImportData = rules.Code("file.pdf_import_data")
	// CodePDFGoToRemote: an action opening another document (/GoToR), a
	// file path or network share of the sender's choosing. Reject.
	CodePDFGoToRemote = rules.Code("file.pdf_goto_remote")
	// CodePDFGoToEmbedded: an action opening a document embedded in this
	// one (/GoToE). Reject.
	CodePDFGoToEmbedded = rules.Code("file.pdf_goto_embedded")
	// CodePDFRichMedia: media that plays in the reader: /RichMedia (Flash,
	// video), /3D, /Sound, /Movie, /Screen annotations and /Rendition
	// actions. Reject: scanners make none, and their players have a long
	// history of exploits.
	CodePDFRichMedia = rules.Code("file.pdf_rich_media")
)

// Codes of another file hidden inside an image: in a JPEG segment (COM,
// APPn), a PNG chunk other than the pixel data (zTXt and compressed iTXt
// inflated first), or after the image's end. All reject. Parameters:
// "format" names what was found (zip, rar, 7z, gzip, xz, bzip2, cab, elf,
// pe, macho, script, php, html, svg, pdf) and "where" the place ("COM
// segment", "APP15 segment", "tEXt chunk", "after the image").
const (
	CodeHiddenArchive    = rules.Code("file.hidden_archive")
	CodeHiddenExecutable = rules.Code("file.hidden_executable")
	CodeHiddenScript     = rules.Code("file.hidden_script")
	CodeHiddenDocument   = rules.Code("file.hidden_document")
)

// hiddenMessages are the messages of the codes in codes_hidden.go.
func hiddenMessages() []rules.Message {
	return []rules.Message{
		rules.Translated(CodePDFXFA, rules.Reject,
			"The PDF “{file_name}” ({role}) is an interactive XML form and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）是交互式 XML 表单，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）是互動式 XML 表單，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodePDFURI, rules.Review,
			"The PDF “{file_name}” ({role}) contains a link to a website; a person will check it. Uploading a plain scan or a photo of the certificate avoids the delay.",
			"PDF 文件“{file_name}”（{role}）含有网站链接，将由人工审核。上传普通的证件扫描件或照片可避免等待。",
			"PDF 檔案「{file_name}」（{role}）含有網站連結，將由人工審核。上傳普通的證件掃描檔或相片可避免等待。"),
		rules.Translated(CodePDFURIOnOpen, rules.Reject,
			"The PDF “{file_name}” ({role}) opens a website by itself when it is viewed and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）在打开时会自动访问网站，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）在開啟時會自動連上網站，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodePDFSubmitForm, rules.Reject,
			"The PDF “{file_name}” ({role}) sends data to a server and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）会向服务器发送数据，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）會向伺服器傳送資料，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodePDFImportData, rules.Reject,
			"The PDF “{file_name}” ({role}) reads data from another file and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）会读取其他文件的数据，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）會讀取其他檔案的資料，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodePDFGoToRemote, rules.Reject,
			"The PDF “{file_name}” ({role}) opens another document or network location and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）会打开其他文档或网络位置，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）會開啟其他文件或網路位置，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodePDFGoToEmbedded, rules.Reject,
			"The PDF “{file_name}” ({role}) opens a document hidden inside it and was refused. Upload a plain scan of the certificate without attachments.",
			"PDF 文件“{file_name}”（{role}）会打开其内部隐藏的文档，已被拒绝。请上传不含附件的普通证件扫描件。",
			"PDF 檔案「{file_name}」（{role}）會開啟其內部隱藏的文件，已被拒絕。請上傳不含附件的普通證件掃描檔。"),
		rules.Translated(CodePDFRichMedia, rules.Reject,
			"The PDF “{file_name}” ({role}) contains video, sound, 3D or Flash content and was refused. Upload a plain scan of the certificate or a photo of it.",
			"PDF 文件“{file_name}”（{role}）含有视频、音频、3D 或 Flash 内容，已被拒绝。请上传普通的证件扫描件或照片。",
			"PDF 檔案「{file_name}」（{role}）含有影片、音訊、3D 或 Flash 內容，已被拒絕。請上傳普通的證件掃描檔或相片。"),
		rules.Translated(CodeHiddenArchive, rules.Reject,
			"The picture “{file_name}” ({role}) has a {format} archive hidden inside it and was refused. Upload the original photo from the camera.",
			"图片“{file_name}”（{role}）内部藏有 {format} 压缩包，已被拒绝。请上传相机拍摄的原始照片。",
			"圖片「{file_name}」（{role}）內部藏有 {format} 壓縮檔，已被拒絕。請上傳相機拍攝的原始相片。"),
		rules.Translated(CodeHiddenExecutable, rules.Reject,
			"The picture “{file_name}” ({role}) has a program ({format}) hidden inside it and was refused. Upload the original photo from the camera.",
			"图片“{file_name}”（{role}）内部藏有程序（{format}），已被拒绝。请上传相机拍摄的原始照片。",
			"圖片「{file_name}」（{role}）內部藏有程式（{format}），已被拒絕。請上傳相機拍攝的原始相片。"),
		rules.Translated(CodeHiddenScript, rules.Reject,
			"The picture “{file_name}” ({role}) has a script ({format}) hidden inside it and was refused. Upload the original photo from the camera.",
			"图片“{file_name}”（{role}）内部藏有脚本（{format}），已被拒绝。请上传相机拍摄的原始照片。",
			"圖片「{file_name}」（{role}）內部藏有指令碼（{format}），已被拒絕。請上傳相機拍攝的原始相片。"),
		rules.Translated(CodeHiddenDocument, rules.Reject,
			"The picture “{file_name}” ({role}) has a {format} document hidden inside it and was refused. Upload the original photo from the camera.",
			"图片“{file_name}”（{role}）内部藏有 {format} 文档，已被拒绝。请上传相机拍摄的原始照片。",
			"圖片「{file_name}」（{role}）內部藏有 {format} 文件，已被拒絕。請上傳相機拍攝的原始相片。"),
	}
}
